/**
 * Keeps a computed answer for `ttlMs`, and while one computation is under
 * way every caller shares it instead of starting its own: a burst of
 * requests costs one computation per `ttlMs` at most. A failed computation
 * is not kept (the next caller tries again).
 */
export class SingleFlightCache<T> {
  private value: { at: number; data: T } | undefined;
  private inflight: Promise<T> | undefined;

  constructor(
    private readonly ttlMs: number,
    private readonly load: () => Promise<T>,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<T> {
    if (this.value && this.now() - this.value.at < this.ttlMs) return Promise.resolve(this.value.data);
    if (this.inflight) return this.inflight;
    const started = this.now();
    const flight = this.load().then((data) => {
      this.value = { at: started, data };
      return data;
    });
    this.inflight = flight;
    const clear = () => {
      if (this.inflight === flight) this.inflight = undefined;
    };
    flight.then(clear, clear);
    return flight;
  }
}
