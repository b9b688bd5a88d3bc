import type { ChildProcesses, RunningProcess } from './child-processes.js';
import { IpcPeer } from './ipc-peer.js';
import type { ConnectRequest, ConnectResult, CountResult, ProgressNotice } from './load-protocol.js';
import { compiledScript, SCRIPTS } from './paths.js';
import { readOpenFileLimit } from './proc-stats.js';

/** The load generator process (load-generator.ts), pinned to its core, seen from the benchmark. */
export class LoadProcess {
  private constructor(
    private readonly child: RunningProcess,
    private readonly peer: IpcPeer,
    private readonly children: ChildProcesses,
  ) {}

  static async start(children: ChildProcesses, root: string, core: number, onProgress: (notice: ProgressNotice) => void): Promise<LoadProcess> {
    const script = await compiledScript(root, SCRIPTS.loadGenerator);
    const child = children.start({
      name: 'load generator',
      core,
      argv: [process.execPath, script],
      ipc: true,
      raiseFileLimit: true,
    });
    const peer = new IpcPeer(child, (notice) => {
      if (notice.notice === 'progress') onProgress(notice as unknown as ProgressNotice);
    });
    return new LoadProcess(child, peer, children);
  }

  get pid(): number {
    return this.child.pid;
  }

  openFileLimit(): Promise<number> {
    return readOpenFileLimit(this.child.pid);
  }

  connect(request: ConnectRequest, timeoutMs: number): Promise<ConnectResult> {
    return this.peer.request<ConnectResult>('connect', { ...request }, timeoutMs);
  }

  count(cohort: string): Promise<CountResult> {
    return this.peer.request<CountResult>('count', { cohort }, 10_000);
  }

  close(cohort: string): Promise<{ closed: number }> {
    return this.peer.request<{ closed: number }>('close', { cohort }, 30_000);
  }

  stop(): Promise<void> {
    return this.children.stop(this.child);
  }
}
