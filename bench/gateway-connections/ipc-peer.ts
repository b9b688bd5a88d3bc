import { whileRunning, type RunningProcess } from './child-processes.js';
import { isNotice, isReply, type IpcNotice } from './ipc-messages.js';

/** The parent's side of a child's IPC channel: requests that resolve with the child's reply. */
export class IpcPeer {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  constructor(
    private readonly child: RunningProcess,
    onNotice: (notice: IpcNotice) => void = () => {},
  ) {
    child.process.on('message', (message: unknown) => {
      if (isNotice(message)) return onNotice(message);
      if (!isReply(message)) return;
      const waiter = this.waiting.get(message.id);
      if (!waiter) return;
      this.waiting.delete(message.id);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(`${child.name}: ${message.error}`));
    });
  }

  /** Sends `type` with `fields`; fails if the child exits, answers an error, or takes longer than `timeoutMs`. */
  request<T>(type: string, fields: Record<string, unknown>, timeoutMs: number): Promise<T> {
    const id = this.nextId++;
    const reply = new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.process.send({ ...fields, id, type }, (error) => {
        if (!error) return;
        this.waiting.delete(id);
        reject(new Error(`${this.child.name}: could not send "${type}"`, { cause: error }));
      });
    });
    return whileRunning(this.child, `"${type}"`, timeoutMs, reply).finally(() => this.waiting.delete(id));
  }
}
