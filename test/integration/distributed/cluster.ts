import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort, waitFor } from '@aether/testing';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export interface Service {
  name: string;
  /** Gateway: the public port; zone: the metrics/health port. */
  port: number;
  url: string;
  /** Gateway: its ops port (METRICS_PORT: /metrics, /api/zones, /api/servers), off the players' port. */
  opsUrl?: string;
  process: ChildProcess;
  logs(): string;
  kill(signal?: NodeJS.Signals): void;
  stop(): Promise<void>;
  health(): Promise<any>;
}

/**
 * Starts real gateway and zone processes from the compiled code (`make
 * build` first), each a separate OS process as in production.
 */
export class Cluster {
  private readonly services_: Service[] = [];

  /** REDIS_CLUSTER=1 with REDIS_URL listing the seed nodes runs the processes on a Redis Cluster. */
  constructor(private readonly env: { REDIS_URL: string; DATABASE_URL: string; REDIS_CLUSTER?: string }) {}

  async gateway(name: string, extra: Record<string, string> = {}): Promise<Service> {
    const [port, opsPort] = [await freePort(), await freePort()];
    // Test players log in as dev:<name>: dev login needs the explicit opt-in (an `extra` may choose another AUTH_MODE).
    const service = this.start(
      name,
      'gateway/dist/gateway-main.js',
      { SERVER_ID: name, GATEWAY_PORT: String(port), METRICS_PORT: String(opsPort), ALLOW_DEV_LOGIN: '1', ...extra },
      port,
    );
    service.opsUrl = `http://127.0.0.1:${opsPort}`;
    await waitFor(async () => (await service.health().catch(() => null))?.status === 'ok', { timeoutMs: 20_000, message: `${name} to answer /health` });
    return service;
  }

  async zone(name: string, zones: string[], extra: Record<string, string> = {}): Promise<Service> {
    const port = await freePort();
    const service = this.start(name, 'zone/dist/main.js', { SERVER_ID: name, ASSIGNED_ZONES: zones.join(','), METRICS_PORT: String(port), ...extra }, port);
    await waitFor(async () => (await service.health().catch(() => null))?.status === 'ok', { timeoutMs: 20_000, message: `${name} to answer /health` });
    return service;
  }

  /** Waits until a zone server simulates exactly these zones. */
  async owns(service: Service, zones: string[], timeoutMs = 30_000): Promise<void> {
    const wanted = [...zones].sort().join(',');
    await waitFor(async () => ((await service.health().catch(() => null))?.zones ?? []).sort().join(',') === wanted, {
      timeoutMs,
      message: `${service.name} to own ${wanted}`,
    });
  }

  async stopAll(): Promise<void> {
    await Promise.allSettled(this.services_.map((service) => service.stop()));
  }

  /** Runs a test body; when it fails, prints every process's recent log first. */
  async withLogs<T>(body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (error) {
      console.log(this.dumpLogs());
      throw error;
    }
  }

  /** The services started so far, in order. */
  services(): readonly Service[] {
    return this.services_;
  }

  dumpLogs(): string {
    return this.services_.map((service) => `──── ${service.name} ────\n${service.logs().slice(-6000)}`).join('\n');
  }

  private start(name: string, script: string, env: Record<string, string>, port: number): Service {
    const child = spawn(process.execPath, [script], {
      cwd: root,
      env: { ...process.env, ...this.env, LOG_LEVEL: 'info', LOG_PRETTY: '0', TICK_RATE: '20', CHECKPOINT_INTERVAL_MS: '1000', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-200_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const url = `http://127.0.0.1:${port}`;
    const service: Service = {
      name,
      port,
      url,
      process: child,
      logs: () => output,
      kill: (signal = 'SIGKILL') => {
        child.kill(signal);
      },
      stop: async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        // A process a test froze (SIGSTOP) must be thawed to hear SIGTERM.
        child.kill('SIGCONT');
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      },
      health: async () => {
        const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
        return response.json();
      },
    };
    this.services_.push(service);
    return service;
  }
}
