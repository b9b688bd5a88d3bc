import type { Entity, Outgoing, World } from '../world/types.js';
import { EntityRecord } from './entity-record.js';
import { writeFrame } from './frame-writer.js';
import { ViewGrid } from './view-grid.js';
import { Viewer } from './viewer.js';

export interface ViewPolicy {
  /** How far a player sees, metres. */
  perceptionRange: number;
  /** How far a client's forward-carried position may drift from the truth before the zone sends a new record, metres. */
  motionTolerance: number;
  /**
   * Who is in range is worked out for each player every this many ticks
   * (players take turns); motion of what is in view goes out every tick. So
   * an entity crossing the edge of perception shows up or goes away up to
   * this many ticks late, and one that leaves the zone goes at once.
   */
  rangeEveryTicks: number;
}

const FIRST_HANDLE = 1;
const MAX_HANDLE = 0xffff;

/**
 * Turns each tick's world into one frame per player: what came into view,
 * what left it, which motions changed, and the tick's messages for that
 * player. Motion records are encoded once per entity and copied into every
 * frame that carries them; an entity walking straight on costs nothing until
 * it turns, stops or drifts from what clients predict.
 *
 * It keeps state between ticks on purpose (handles, last records, each
 * player's view) and reuses its working arrays, so a steady zone allocates
 * little more than the frames themselves. Deterministic: the same sequence
 * of worlds gives the same frames.
 */
export class ZoneView {
  private readonly records = new Map<string, EntityRecord>();
  private readonly viewers = new Map<string, Viewer>();
  private readonly grid: ViewGrid;
  /** Records by handle, and the tick each handle's record last changed (a typed array: read once per pair in view). */
  private byHandle: Array<EntityRecord | undefined> = [];
  private changedAt = new Int32Array(256).fill(-1);
  private presentAt = new Int32Array(256).fill(-1);
  private nextSlot = 0;
  private readonly freeHandles: number[] = [];
  private nextHandle = FIRST_HANDLE;
  private readonly removed: number[] = [];
  private readonly added: EntityRecord[] = [];
  private readonly moved: EntityRecord[] = [];
  /** Players seen this tick; the views of the others are dropped. */
  private readonly present = new Set<string>();
  /** Entities new to the zone this tick, and for each player in range of one, those it must see at once. */
  private readonly fresh: EntityRecord[] = [];
  private readonly arrivals = new Map<string, EntityRecord[]>();
  private tick = -1;
  private readonly isPresent = (handle: number): boolean => this.presentAt[handle] === this.tick;

  constructor(private readonly policy: ViewPolicy) {
    if (!(Number.isInteger(policy.rangeEveryTicks) && policy.rangeEveryTicks >= 1)) {
      throw new RangeError(`rangeEveryTicks must be a whole number of ticks, at least 1; got ${policy.rangeEveryTicks}`);
    }
    this.grid = new ViewGrid(policy.perceptionRange);
  }

  /**
   * Frames for every player in `world` that has something to be told, handed
   * to `send` (the frame is the caller's from then on). `ghosts` are entities
   * of neighbouring zones seen across a border; `messages` are this tick's
   * other messages, by player entity id. A player that got `world_enter`
   * this tick gets a full frame.
   */
  update(
    world: World,
    ghosts: readonly Entity[],
    messages: ReadonlyMap<string, Outgoing[]>,
    secondsPerTick: number,
    send: (entityId: string, frame: Buffer) => void,
  ): void {
    const tick = world.tick;
    const { perceptionRange, motionTolerance, rangeEveryTicks } = this.policy;
    this.tick = tick;
    this.grid.clear();
    for (const entity of world.entities.values()) this.follow(entity, tick, secondsPerTick, motionTolerance);
    for (const ghost of ghosts) this.follow(ghost, tick, secondsPerTick, motionTolerance);
    this.findArrivals(perceptionRange);

    const intervalMs = secondsPerTick * 1000;
    for (const entity of world.entities.values()) {
      if (!entity.player) continue;
      let viewer = this.viewers.get(entity.id);
      const outgoing = messages.get(entity.id);
      let full = viewer === undefined;
      if (!viewer) this.viewers.set(entity.id, (viewer = new Viewer(this.nextSlot++)));
      if (outgoing?.some((message) => message.event === 'world_enter')) full = true;
      if (full) viewer.forget();
      this.present.add(entity.id);

      const { removed, added, moved, changedAt, byHandle } = this;
      removed.length = 0;
      added.length = 0;
      moved.length = 0;
      if (full || (viewer.slot + tick) % rangeEveryTicks === 0) {
        const count = this.grid.within(entity.x, entity.y, perceptionRange);
        const inRange = this.grid.result();
        viewer.beginPass();
        for (let i = 0; i < count; i++) {
          const handle = inRange[i]!;
          if (!viewer.inRange(handle)) added.push(byHandle[handle]!);
          else if (changedAt[handle] === tick) moved.push(byHandle[handle]!);
        }
        viewer.endPass(removed);
      } else {
        // Someone who just entered the zone is seen at once, not on this player's next turn.
        for (const record of this.arrivals.get(entity.id) ?? []) if (viewer.arrived(record.handle)) added.push(record);
        viewer.dropGone(this.isPresent, removed);
        const handles = viewer.handles();
        for (let i = 0, count = viewer.count; i < count; i++) {
          const handle = handles[i]!;
          if (changedAt[handle] === tick) moved.push(byHandle[handle]!);
        }
      }
      if (!full && removed.length === 0 && added.length === 0 && moved.length === 0 && !outgoing) continue;
      const json = outgoing ? JSON.stringify(outgoing.map((message) => [message.event, message.data])) : undefined;
      send(entity.id, writeFrame(tick, intervalMs, full, removed, added, moved, json));
    }

    // Handles of entities gone this tick are free from the next one: every viewer was told above.
    for (const [id, record] of this.records) {
      if (record.presentTick === tick) continue;
      this.records.delete(id);
      this.byHandle[record.handle] = undefined;
      this.changedAt[record.handle] = -1;
      this.presentAt[record.handle] = -1;
      this.freeHandles.push(record.handle);
    }
    for (const id of this.viewers.keys()) if (!this.present.has(id)) this.viewers.delete(id);
    this.present.clear();
  }

  /** For each entity new this tick, the players in range of it (a query around the newcomer, not around everyone). */
  private findArrivals(perceptionRange: number): void {
    this.arrivals.clear();
    for (const record of this.fresh) {
      const count = this.grid.within(record.x, record.y, perceptionRange);
      const inRange = this.grid.result();
      for (let i = 0; i < count; i++) {
        const other = this.byHandle[inRange[i]!]!;
        if (other === record) continue;
        const list = this.arrivals.get(other.id);
        if (list) list.push(record);
        else this.arrivals.set(other.id, [record]);
      }
    }
    this.fresh.length = 0;
  }

  /** Entities the view tracks now (players, creatures, NPCs and ghosts). */
  get tracked(): number {
    return this.records.size;
  }

  private follow(entity: Entity, tick: number, secondsPerTick: number, tolerance: number): void {
    let record = this.records.get(entity.id);
    if (!record) {
      record = new EntityRecord(this.allocateHandle(), entity);
      this.records.set(entity.id, record);
      this.byHandle[record.handle] = record;
      this.fresh.push(record);
      if (record.handle >= this.changedAt.length) {
        this.changedAt = grow(this.changedAt, record.handle);
        this.presentAt = grow(this.presentAt, record.handle);
      }
    }
    this.presentAt[record.handle] = tick;
    if (record.follow(entity, tick, secondsPerTick, tolerance)) this.changedAt[record.handle] = tick;
    this.grid.insert(record.handle, entity.x, entity.y);
  }

  private allocateHandle(): number {
    const reused = this.freeHandles.pop();
    if (reused !== undefined) return reused;
    if (this.nextHandle > MAX_HANDLE) throw new RangeError(`a zone view holds at most ${MAX_HANDLE} entities`);
    return this.nextHandle++;
  }
}

function grow(array: Int32Array<ArrayBuffer>, index: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(Math.max(index + 1, array.length * 2)).fill(-1);
  grown.set(array);
  return grown;
}
