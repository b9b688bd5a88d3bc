import type { Entity, Outgoing, World } from '../world/types.js';
import { EntityRecord } from './entity-record.js';
import { writeFrame } from './frame-writer.js';
import { ViewGrid } from './view-grid.js';

export interface ViewPolicy {
  /** How far a player sees, metres. */
  perceptionRange: number;
  /** How far a client's forward-carried position may drift from the truth before the zone sends a new record, metres. */
  motionTolerance: number;
}

/** One player's view: which handles it was told about, stamped with the tick they were last in range. */
class Viewer {
  readonly visible = new Map<number, number>();
  presentTick = -1;
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
  private readonly grid: ViewGrid<EntityRecord>;
  private readonly freeHandles: number[] = [];
  private nextHandle = FIRST_HANDLE;
  private readonly inRange: EntityRecord[] = [];
  private readonly removed: number[] = [];
  private readonly added: EntityRecord[] = [];
  private readonly moved: EntityRecord[] = [];

  constructor(private readonly policy: ViewPolicy) {
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
    const { perceptionRange, motionTolerance } = this.policy;
    this.grid.clear();
    for (const entity of world.entities.values()) this.follow(entity, tick, secondsPerTick, motionTolerance);
    for (const ghost of ghosts) this.follow(ghost, tick, secondsPerTick, motionTolerance);

    const intervalMs = secondsPerTick * 1000;
    for (const entity of world.entities.values()) {
      if (!entity.player) continue;
      let viewer = this.viewers.get(entity.id);
      const outgoing = messages.get(entity.id);
      let full = viewer === undefined;
      if (!viewer) this.viewers.set(entity.id, (viewer = new Viewer()));
      if (outgoing?.some((message) => message.event === 'world_enter')) full = true;
      if (full) viewer.visible.clear();
      viewer.presentTick = tick;

      const { removed, added, moved } = this;
      const visible = viewer.visible;
      removed.length = 0;
      added.length = 0;
      moved.length = 0;
      const inRange = this.grid.within(entity.x, entity.y, perceptionRange, this.inRange);
      for (let i = 0; i < inRange.length; i++) {
        const record = inRange[i]!;
        const before = visible.get(record.handle);
        if (before === undefined) added.push(record);
        else if (record.changedTick === tick) moved.push(record);
        visible.set(record.handle, tick);
      }
      for (const [handle, stamp] of visible) {
        if (stamp === tick) continue;
        removed.push(handle);
        visible.delete(handle);
      }
      if (!full && removed.length === 0 && added.length === 0 && moved.length === 0 && !outgoing) continue;
      const json = outgoing ? JSON.stringify(outgoing.map((message) => [message.event, message.data])) : undefined;
      send(entity.id, writeFrame(tick, intervalMs, full, removed, added, moved, json));
    }

    // Handles of entities gone this tick are free from the next one: every viewer was told above.
    for (const [id, record] of this.records) {
      if (record.presentTick === tick) continue;
      this.records.delete(id);
      this.freeHandles.push(record.handle);
    }
    for (const [id, viewer] of this.viewers) if (viewer.presentTick !== tick) this.viewers.delete(id);
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
    }
    record.follow(entity, tick, secondsPerTick, tolerance);
    this.grid.insert(record);
  }

  private allocateHandle(): number {
    const reused = this.freeHandles.pop();
    if (reused !== undefined) return reused;
    if (this.nextHandle > MAX_HANDLE) throw new RangeError(`a zone view holds at most ${MAX_HANDLE} entities`);
    return this.nextHandle++;
  }
}
