import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MUD_MAIN = join(root, 'mud', 'dist', 'main.js');

/** The compiled `npm run mud` entry point in a child process, fed through a pipe as a player's terminal would be. */
export class MudProcess {
  readonly child: ChildProcessWithoutNullStreams;
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;

  /** `env` is added to this process's environment (e.g. AETHER_PASSWORD, AETHER_SESSION_FILE). */
  constructor(args: string[], env: Record<string, string> = {}) {
    this.child = spawn(process.execPath, [MUD_MAIN, ...args], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    this.child.stdout.setEncoding('utf8').on('data', (chunk: string) => (this.stdout += chunk));
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  type(...lines: string[]): void {
    this.child.stdin.write(lines.map((line) => `${line}\n`).join(''));
  }

  endInput(): void {
    this.child.stdin.end();
  }

  async waitFor(pattern: RegExp, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.stdout)) {
      if (Date.now() > deadline) {
        throw new Error(`MUD output never matched ${pattern}.\n--- stdout ---\n${this.stdout.slice(-3000)}\n--- stderr ---\n${this.stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.pid !== undefined) this.child.kill('SIGKILL');
  }
}

/**
 * Brings mud/dist up to date: the tests run what `npm run mud` runs, and a
 * stale build would test yesterday's client. A no-op when `make build` already ran.
 */
export function buildMudClient(): void {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-b', join('mud', 'tsconfig.json')], { cwd: root, encoding: 'utf8' });
  // Type errors elsewhere in the build still emit our files; only a missing client is fatal here.
  if (!existsSync(MUD_MAIN)) throw new Error(`could not build the MUD client:\n${result.stdout}${result.stderr}`);
}
