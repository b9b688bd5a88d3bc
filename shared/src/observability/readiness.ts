/**
 * One thing a process needs before it can do its work (the bus, the
 * database, a running tick loop): `probe` resolves when it is there and
 * rejects (or does not settle in time) when it is not.
 */
export interface ReadinessCheck {
  name: string;
  probe: () => Promise<unknown> | unknown;
}

export interface CheckResult {
  ok: boolean;
  ms: number;
  /** Why it failed (the error's message, or that it did not answer in time). */
  error?: string;
}

export interface ReadinessReport {
  status: 'ready' | 'unready';
  checks: Record<string, CheckResult>;
}

export interface ReadinessOptions {
  /** A probe that has not answered by then fails (default 1 s: well inside a kubelet probe's timeout). */
  timeoutMs?: number;
  /**
   * An answer is reused this long, and callers meanwhile share the one under
   * way (default 1 s): /ready on a public port must not let a flood of
   * requests become a flood of database round trips.
   */
  reuseMs?: number;
  now?: () => number;
}

/**
 * Runs every check at once, each under its own timeout, and says which
 * failed: the body of `/ready`, answered 503 unless all pass.
 */
export class Readiness {
  private readonly timeoutMs: number;
  private readonly reuseMs: number;
  private readonly now: () => number;
  private last: { at: number; report: ReadinessReport } | undefined;
  private inflight: Promise<ReadinessReport> | undefined;

  constructor(
    private readonly checks: readonly ReadinessCheck[],
    options: ReadinessOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 1_000;
    this.reuseMs = options.reuseMs ?? 1_000;
    this.now = options.now ?? Date.now;
  }

  report(): Promise<ReadinessReport> {
    if (this.last && this.now() - this.last.at < this.reuseMs) return Promise.resolve(this.last.report);
    if (this.inflight) return this.inflight;
    const started = this.now();
    const flight = this.run().then((report) => {
      this.last = { at: started, report };
      return report;
    });
    this.inflight = flight;
    const clear = () => {
      if (this.inflight === flight) this.inflight = undefined;
    };
    flight.then(clear, clear);
    return flight;
  }

  private async run(): Promise<ReadinessReport> {
    const results = await Promise.all(this.checks.map((check) => this.probe(check)));
    const checks: Record<string, CheckResult> = {};
    this.checks.forEach((check, index) => {
      checks[check.name] = results[index]!;
    });
    return { status: results.every((result) => result.ok) ? 'ready' : 'unready', checks };
  }

  private async probe(check: ReadinessCheck): Promise<CheckResult> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      await Promise.race([Promise.resolve().then(check.probe), timeout]);
      return { ok: true, ms: Math.round(performance.now() - started) };
    } catch (error) {
      return { ok: false, ms: Math.round(performance.now() - started), error: describe(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The error's message, and its cause's (a wrapped driver error says what actually went wrong). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return cause && !error.message.includes(cause) ? `${error.message}: ${cause}` : error.message;
}
