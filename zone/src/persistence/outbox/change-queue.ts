import type { LootWindowSave, ProgressSave, QuestChange, SlotChange } from '@aether/shared/db';
import type { ChangeOrigin, ChangePart } from '../../server/ports.js';
import { backoffDelay, type Backoff } from '@aether/shared';

/** A change set waiting to be written: one transaction for one character, under one fence. */
export interface PendingChange {
  readonly id: string;
  readonly characterId: string;
  readonly origin: ChangeOrigin;
  progress?: ProgressSave;
  readonly learned: Set<string>;
  /** By slot: the last write to a slot is the only one that matters. */
  readonly slots: Map<number, SlotChange>;
  coins?: number;
  /** The loot window's last state (null: closed); undefined: untouched. */
  lootWindow?: LootWindowSave | null;
  /** By quest: the last state of an entry is the only one that matters. */
  readonly quests: Map<string, QuestChange>;
  /**
   * A write of it has started: it may have committed even if no answer came,
   * so nothing is added to it any more (a retry under the same id would skip the addition).
   */
  attempted: boolean;
}

interface CharacterQueue {
  /** Oldest first; the head is the one written (or retried) next. */
  changes: PendingChange[];
  /**
   * The change set being written now (the head, or one dropped while its write
   * runs): nothing else of this character is written until it returns, and
   * later parts go into a new change set.
   */
  inFlight: PendingChange | undefined;
  /** Failed attempts of the head so far. */
  attempts: number;
  /** Wall-clock ms before which the head is not tried again. */
  notBefore: number;
}

/**
 * The outbox's bookkeeping, without I/O or timers: per character, change sets
 * in the order they were made. A new part joins the newest change set unless
 * a write of it has started or it was made under another fence, so a
 * character's XP, abilities and slots from one burst land in one transaction;
 * an older change set never lands after a newer one of the same character.
 */
export class ChangeQueue {
  private readonly queues = new Map<string, CharacterQueue>();
  private pending = 0;

  constructor(
    private readonly backoff: Backoff,
    private readonly newId: () => string,
    private readonly random: () => number = Math.random,
  ) {}

  /** Change sets waiting or being written, over all characters. */
  get depth(): number {
    return this.pending;
  }

  add(characterId: string, origin: ChangeOrigin, part: ChangePart): void {
    let queue = this.queues.get(characterId);
    if (!queue) {
      queue = { changes: [], inFlight: undefined, attempts: 0, notBefore: 0 };
      this.queues.set(characterId, queue);
    }
    const tail = queue.changes.at(-1);
    const canJoin = tail && !tail.attempted && sameOrigin(tail.origin, origin);
    const change = canJoin ? tail : this.open(queue, characterId, origin);
    if ('progress' in part) change.progress = part.progress;
    else if ('learned' in part) change.learned.add(part.learned);
    else if ('slot' in part) change.slots.set(part.slot.slot, part.slot);
    else if ('coins' in part) change.coins = part.coins;
    else if ('lootWindow' in part) change.lootWindow = part.lootWindow;
    else change.quests.set(part.quest.questId, part.quest);
  }

  /** Heads that may be written at `now` (at most `limit`), marked in flight. */
  takeReady(now: number, limit: number): PendingChange[] {
    const ready: PendingChange[] = [];
    for (const queue of this.queues.values()) {
      if (ready.length >= limit) break;
      const head = queue.changes[0];
      if (!head || queue.inFlight || queue.notBefore > now) continue;
      queue.inFlight = head;
      head.attempted = true;
      ready.push(head);
    }
    return ready;
  }

  /** `change` committed (or need never be written): the next one of its character may go. */
  done(change: PendingChange): void {
    const queue = this.landed(change);
    if (!queue || queue.changes[0] !== change) return; // dropped meanwhile
    queue.changes.shift();
    this.pending -= 1;
    queue.attempts = 0;
    queue.notBefore = 0;
    if (queue.changes.length === 0) this.queues.delete(change.characterId);
  }

  /** `change` failed and stays at the head; answers the delay before it is tried again (0: it was dropped meanwhile). */
  retryLater(change: PendingChange, now: number): number {
    const queue = this.landed(change);
    if (!queue || queue.changes[0] !== change) return 0;
    queue.attempts += 1;
    // Half to all of the step, so retries after an outage do not arrive in lockstep.
    const delay = backoffDelay({ ...this.backoff, jitter: [0.5, 1] }, queue.attempts, this.random);
    queue.notBefore = now + delay;
    return delay;
  }

  /** Failed attempts of the change set now at the head of `characterId`'s queue. */
  attempts(characterId: string): number {
    return this.queues.get(characterId)?.attempts ?? 0;
  }

  /**
   * Removes every change set made in `zoneId` (the zone is lost: the new
   * owner's state is the truth); with `below`, only those made under an
   * older epoch, so a zone owned here again keeps its new changes.
   */
  dropZone(zoneId: string, below?: number): PendingChange[] {
    return this.dropWhere((change) => change.origin.zoneId === zoneId && (below === undefined || (change.origin.epoch ?? 0) < below));
  }

  /** Removes everything. */
  dropAll(): PendingChange[] {
    return this.dropWhere(() => true);
  }

  /** True while any of `characterIds` (every character when absent) has a change set not yet written. */
  hasPending(characterIds?: Iterable<string>): boolean {
    if (!characterIds) return this.pending > 0;
    for (const id of characterIds) if (this.queues.has(id)) return true;
    return false;
  }

  /** The earliest time a waiting head may be retried; undefined when none waits. */
  nextRetryAt(): number | undefined {
    let earliest: number | undefined;
    for (const queue of this.queues.values()) {
      if (queue.inFlight || queue.changes.length === 0) continue;
      if (earliest === undefined || queue.notBefore < earliest) earliest = queue.notBefore;
    }
    return earliest;
  }

  /** The write of `change` has returned: its character may be written again. */
  private landed(change: PendingChange): CharacterQueue | undefined {
    const queue = this.queues.get(change.characterId);
    if (!queue || queue.inFlight !== change) return queue;
    queue.inFlight = undefined;
    if (queue.changes.length === 0) this.queues.delete(change.characterId);
    return queue;
  }

  private open(queue: CharacterQueue, characterId: string, origin: ChangeOrigin): PendingChange {
    const change: PendingChange = {
      id: this.newId(),
      characterId,
      origin: { ...origin },
      learned: new Set(),
      slots: new Map(),
      quests: new Map(),
      attempted: false,
    };
    queue.changes.push(change);
    this.pending += 1;
    return change;
  }

  private dropWhere(matches: (change: PendingChange) => boolean): PendingChange[] {
    const dropped: PendingChange[] = [];
    for (const [characterId, queue] of this.queues) {
      const kept = queue.changes.filter((change) => !matches(change));
      if (kept.length === queue.changes.length) continue;
      const headDropped = queue.changes[0] !== kept[0];
      dropped.push(...queue.changes.filter(matches));
      queue.changes = kept;
      if (headDropped) {
        // A write still in flight for the dropped head keeps the character busy until it returns, then is ignored.
        queue.attempts = 0;
        queue.notBefore = 0;
      }
      if (kept.length === 0 && !queue.inFlight) this.queues.delete(characterId);
    }
    this.pending -= dropped.length;
    return dropped;
  }
}

function sameOrigin(a: ChangeOrigin, b: ChangeOrigin): boolean {
  return a.zoneId === b.zoneId && a.epoch === b.epoch;
}
