import { p50p99 } from '../../common/measure/percentiles.js';
import { angleBetween } from './headings.js';
import type { LatencySummary } from './messages.js';

interface PendingMove {
  heading: number;
  sentAt: number;
  /** Sent inside the measurement window: its latencies count. */
  tracked: boolean;
  /** Whether its mover decodes, i.e. can see its own state at all. */
  moverDecodes: boolean;
  byOther: boolean;
  byMover: boolean;
}

/** A mover turns every ~2 s; older moves than this are long resolved or never will be. */
const KEEP_PER_MOVER = 4;

/**
 * Move → seen latencies across all bots of the process (one clock): from a
 * bot sending `move` until another bot first sees that player's heading
 * change to the new one (the swarm reports only changes a viewer saw happen),
 * and until the mover sees it in its own state. A move overtaken by a later
 * one before being seen is never matched (and not counted).
 */
export class MoveLatency {
  private readonly pending = new Map<string, PendingMove[]>();
  private tracking = false;
  private byOther: number[] = [];
  private byMover: number[] = [];
  private moves = 0;

  constructor(private readonly toleranceDeg: number) {}

  /** Moves sent from now on count. */
  startTracking(): void {
    this.tracking = true;
    this.byOther = [];
    this.byMover = [];
    this.moves = 0;
  }

  /** Moves sent from now on no longer count; those already sent may still be seen. */
  stopTracking(): void {
    this.tracking = false;
  }

  sent(moverId: string, heading: number, at: number, moverDecodes: boolean): void {
    let list = this.pending.get(moverId);
    if (!list) this.pending.set(moverId, (list = []));
    list.push({ heading, sentAt: at, tracked: this.tracking, moverDecodes, byOther: false, byMover: false });
    if (list.length > KEEP_PER_MOVER) list.shift();
    if (this.tracking) this.moves += 1;
  }

  seenByOther(moverId: string, heading: number, at: number): void {
    const list = this.pending.get(moverId);
    if (list) this.match(moverId, list, heading, at, 'byOther');
  }

  seenByMover(moverId: string, heading: number, at: number): void {
    const list = this.pending.get(moverId);
    if (list) this.match(moverId, list, heading, at, 'byMover');
  }

  /** Tracked moves whose mover decodes but has not yet seen them: what a drain waits for. */
  get awaitingMover(): number {
    let count = 0;
    for (const list of this.pending.values()) for (const move of list) if (move.tracked && move.moverDecodes && !move.byMover) count += 1;
    return count;
  }

  summary(): { moves: number; byOther: LatencySummary; byMover: LatencySummary } {
    return { moves: this.moves, byOther: summarise(this.byOther), byMover: summarise(this.byMover) };
  }

  private match(moverId: string, list: PendingMove[], heading: number, at: number, who: 'byOther' | 'byMover'): void {
    for (let i = list.length - 1; i >= 0; i -= 1) {
      const move = list[i]!;
      if (angleBetween(move.heading, heading) > this.toleranceDeg) continue;
      if (!move[who]) {
        move[who] = true;
        if (move.tracked) (who === 'byOther' ? this.byOther : this.byMover).push(at - move.sentAt);
      }
      // The player has turned past the older moves: they can no longer be seen first.
      for (let j = 0; j < i; j += 1) list[j]![who] = true;
      break;
    }
    // Forget moves nothing more can be learnt from, so most lookups find no entry.
    let resolved = 0;
    while (resolved < list.length && list[resolved]!.byOther && (list[resolved]!.byMover || !list[resolved]!.moverDecodes)) resolved += 1;
    if (resolved > 0) list.splice(0, resolved);
    if (list.length === 0) this.pending.delete(moverId);
  }
}

function summarise(samples: number[]): LatencySummary {
  const { p50, p99 } = p50p99(samples);
  return { samples: samples.length, p50Ms: p50 ?? null, p99Ms: p99 ?? null, maxMs: samples.length > 0 ? Math.max(...samples) : null };
}
