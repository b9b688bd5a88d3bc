import type { IpcNotice, IpcReply, IpcRequest } from './ipc-messages.js';

export type IpcHandlers = Record<string, (request: IpcRequest) => unknown>;

/**
 * The child's side: answers each request with its handler's result or error.
 * With `keepAlive: false` the channel does not hold the process open, for a
 * probe riding along in a process that has its own reasons to live or exit.
 */
export function answerRequests(handlers: IpcHandlers, { keepAlive }: { keepAlive: boolean }): void {
  if (!process.send) throw new Error('this program expects to be started with an IPC channel (by the benchmark)');
  process.on('message', (message: IpcRequest) => {
    void (async () => {
      let reply: IpcReply;
      try {
        const handler = handlers[message.type];
        if (!handler) throw new Error(`unknown request "${message.type}"`);
        reply = { id: message.id, ok: true, result: await handler(message) };
      } catch (error) {
        reply = { id: message.id, ok: false, error: describe(error) };
      }
      process.send?.(reply);
    })();
  });
  // The benchmark gone (even killed outright, when its exit hook cannot run) means nobody will stop us: leave.
  process.on('disconnect', () => process.exit(0));
  if (!keepAlive) process.channel?.unref();
}

export function notify(notice: IpcNotice): void {
  process.send?.(notice);
}

function describe(error: unknown): string {
  const parts: string[] = [];
  for (let current = error; current && parts.length < 6; current = (current as { cause?: unknown }).cause) {
    parts.push(current instanceof Error ? current.message : String(current));
  }
  return parts.join(': ');
}
