/**
 * Pub/sub drops messages when a subscriber is slow or reconnecting. Each
 * envelope carries a per (source, channel) sequence number; this notices the
 * holes so the receiver can ask for a full resync instead of drifting.
 */
export class SequenceTracker {
  private readonly last = new Map<string, number>();

  /** Returns how many messages were skipped before this one (0 = in order). */
  observe(source: string, channel: string, seq: number): number {
    const key = `${source}\u0000${channel}`;
    const previous = this.last.get(key);
    this.last.set(key, seq);
    if (previous === undefined || seq <= previous) return 0;
    return seq - previous - 1;
  }

  forget(source: string): void {
    for (const key of this.last.keys()) if (key.startsWith(`${source}\u0000`)) this.last.delete(key);
  }
}
