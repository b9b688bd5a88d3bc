/** A reconcile that ran past its deadline; it is retried with backoff like any failure. */
export class ReconcileTimeoutError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ReconcileTimeoutError';
  }
}

export interface Deadlined<T> {
  /** The work's result, or a ReconcileTimeoutError once `ms` have passed. */
  result: Promise<T>;
  /** Settles when the work itself has stopped (after the deadline it stops at its next signal check). */
  settled: Promise<void>;
}

/**
 * controller-runtime gives each reconcile a context with a deadline; here the
 * work gets an AbortSignal that fires at the deadline, and the caller is
 * answered at once. The work checks the signal between steps, so an
 * abandoned reconcile makes no further write after its deadline; `settled`
 * tells the work queue when the key may be handed out again (never two
 * reconciles of one key at once).
 */
export function withDeadline<T>(ms: number, what: string, work: (signal: AbortSignal) => Promise<T>): Deadlined<T> {
  const controller = new AbortController();
  const running = work(controller.signal);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const error = new ReconcileTimeoutError(`${what} took longer than ${ms} ms`);
      controller.abort(error);
      reject(error);
    }, ms);
  });
  const settled = running.then(
    () => undefined,
    () => undefined,
  );
  return {
    result: Promise.race([running, expired]).finally(() => clearTimeout(timer)),
    settled: settled.finally(() => clearTimeout(timer)),
  };
}
