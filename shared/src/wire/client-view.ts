import type { Motion, WireKind } from './frame-format.js';
import type { DecodedFrame } from './frame-reader.js';

/** One nearby entity as a viewer sees it: where it is and where it lies from the viewer. */
export interface ViewEntry {
  id: string;
  kind: WireKind;
  name: string;
  x: number;
  y: number;
  z: number;
  heading: number;
  moving: boolean;
  /** Compass degrees from the viewer to the entity (0 = north, clockwise). */
  bearing: number;
  /** Degrees above (+) or below (−) the viewer's horizon. */
  elevation: number;
  /** Straight-line distance in metres. */
  range: number;
}

/** What a client learns from frames, as the named events of protocol version 1 plus everything else a frame carried. */
export type ViewEvent =
  | { event: 'proximity_roster'; data: { zoneId: string; entities: ViewEntry[] } }
  | { event: 'proximity_roster_delta'; data: { added: ViewEntry[]; removed: string[]; changed: ViewEntry[] } }
  | { event: 'state_update'; data: { character: { x: number; y: number; z: number; heading: number; moving: boolean } } }
  | { event: string; data: unknown };

interface Tracked extends Motion {
  id: string;
  kind: WireKind;
  name: string;
  /** Tick the motion was true at. */
  tick: number;
}

const RAD = Math.PI / 180;
const round = (value: number, places = 2) => {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
};

/**
 * A client's model of its surroundings, fed with decoded frames. Entities
 * keep walking along their last reported heading and speed between frames
 * (the server sends a new record whenever that prediction would be wrong),
 * so `positionOf` is exact up to the wire's quantisation at any tick.
 */
export class ClientView {
  private readonly entities = new Map<number, Tracked>();
  private selfHandle: number | undefined;
  private zoneId = '';
  private tick = 0;
  intervalMs = 50;

  /** `selfEntityId` names the viewer before its `world_enter` arrives (tools that join mid-stream). */
  constructor(private selfEntityId?: string) {}

  /** The latest tick a frame reported. */
  get currentTick(): number {
    return this.tick;
  }

  /** Applies a frame and answers what it means, in the order a client should act on it. */
  apply(frame: DecodedFrame): ViewEvent[] {
    const events: ViewEvent[] = [];
    const rest: ViewEvent[] = [];
    for (const [event, data] of frame.messages) {
      if (event === 'world_enter') {
        const enter = data as { character?: { entityId?: string }; zone?: { id?: string } };
        this.selfEntityId = enter.character?.entityId;
        this.zoneId = enter.zone?.id ?? this.zoneId;
        events.push({ event, data });
      } else {
        rest.push({ event, data });
      }
    }
    this.tick = frame.tick;
    this.intervalMs = frame.intervalMs;
    if (frame.full) {
      this.entities.clear();
      this.selfHandle = undefined;
    }

    const removed: string[] = [];
    for (const handle of frame.removed) {
      const gone = this.entities.get(handle);
      if (!gone) continue;
      this.entities.delete(handle);
      if (handle === this.selfHandle) this.selfHandle = undefined;
      else removed.push(gone.id);
    }
    const addedHandles: number[] = [];
    for (const added of frame.added) {
      const { handle, id, kind, name, x, y, z, heading, speed } = added;
      this.entities.set(handle, { id, kind, name, x, y, z, heading, speed, tick: frame.tick });
      if (id === this.selfEntityId) this.selfHandle = handle;
      addedHandles.push(handle);
    }
    const movedHandles: number[] = [];
    for (const moved of frame.moved) {
      const known = this.entities.get(moved.handle);
      if (!known) continue;
      Object.assign(known, { x: moved.x, y: moved.y, z: moved.z, heading: moved.heading, speed: moved.speed, tick: frame.tick });
      movedHandles.push(moved.handle);
    }

    const selfChanged = this.selfHandle !== undefined && (addedHandles.includes(this.selfHandle) || movedHandles.includes(this.selfHandle));
    if (frame.full) {
      events.push({ event: 'proximity_roster', data: { zoneId: this.zoneId, entities: this.entries() } });
    } else {
      const others = (handles: number[]) => handles.filter((handle) => handle !== this.selfHandle).map((handle) => this.entryFor(handle)!);
      const added = others(addedHandles);
      const changed = others(movedHandles);
      if (added.length > 0 || removed.length > 0 || changed.length > 0) {
        events.push({ event: 'proximity_roster_delta', data: { added, removed, changed } });
      }
    }
    if (selfChanged) {
      const self = this.positionOf(this.selfHandle!, frame.tick)!;
      events.push({
        event: 'state_update',
        data: { character: { x: round(self.x), y: round(self.y), z: round(self.z), heading: round(self.heading, 1), moving: self.speed > 0 } },
      });
    }
    events.push(...rest);
    return events;
  }

  /** Everything in view but the viewer, as seen now. */
  entries(atTick = this.tick): ViewEntry[] {
    const entries: ViewEntry[] = [];
    for (const handle of this.entities.keys()) if (handle !== this.selfHandle) entries.push(this.entryFor(handle, atTick)!);
    return entries;
  }

  /** The viewer itself, carried forward to `atTick` (fractional ticks are fine). */
  self(atTick = this.tick): (Motion & { id: string }) | undefined {
    return this.selfHandle === undefined ? undefined : this.positionOf(this.selfHandle, atTick);
  }

  /** Where an entity is at `atTick`, walking on from its last record; undefined when not in view. */
  positionOf(handle: number, atTick = this.tick): (Motion & { id: string }) | undefined {
    const entity = this.entities.get(handle);
    if (!entity) return undefined;
    const seconds = Math.max(0, atTick - entity.tick) * (this.intervalMs / 1000);
    const distance = entity.speed * seconds;
    return {
      id: entity.id,
      x: entity.x + Math.sin(entity.heading * RAD) * distance,
      y: entity.y + Math.cos(entity.heading * RAD) * distance,
      z: entity.z,
      heading: entity.heading,
      speed: entity.speed,
    };
  }

  private entryFor(handle: number, atTick = this.tick): ViewEntry | undefined {
    const entity = this.entities.get(handle);
    const where = this.positionOf(handle, atTick);
    if (!entity || !where) return undefined;
    const self = this.self(atTick) ?? where;
    const dx = where.x - self.x;
    const dy = where.y - self.y;
    const dz = where.z - self.z;
    const horizontal = Math.hypot(dx, dy);
    const bearing = horizontal === 0 ? 0 : (((Math.atan2(dx, dy) / RAD) % 360) + 360) % 360;
    return {
      id: entity.id,
      kind: entity.kind,
      name: entity.name,
      x: round(where.x),
      y: round(where.y),
      z: round(where.z),
      heading: round(where.heading, 1),
      moving: where.speed > 0,
      bearing: round(bearing, 1) % 360,
      elevation: round(horizontal === 0 && dz === 0 ? 0 : Math.atan2(dz, horizontal) / RAD, 1),
      range: round(Math.hypot(horizontal, dz)),
    };
  }
}
