/** Thrown when too many password hashes are already running or queued. */
export class HashingBusyError extends Error {
  override readonly name = 'HashingBusyError';
}

/**
 * At most `concurrency` password hashes at once, at most `queue` waiting.
 * scrypt runs on libuv's thread pool (4 threads, shared with file and DNS
 * work); unbounded, a burst of logins would take every thread and all the
 * memory each hash needs. Beyond the queue, requests are refused at once.
 */
export class HashingGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly concurrency = 2,
    private readonly queue = 64,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queue) throw new HashingBusyError('too many password checks at once');
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next)
        next(); // the slot passes straight to the next in line
      else this.running -= 1;
    }
  }
}
