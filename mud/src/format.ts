import { plainLines } from '@aether/shared/protocol';
import type { ErrorPayload, GameEvent, ProximityRoster, ProximityRosterDelta, RosterEntry, StateUpdate, WorldEnter } from '@aether/shared/protocol';

/**
 * Turns server events into the lines a terminal player reads. Nothing here
 * does I/O, so every phrase can be pinned down by table tests.
 */

/**
 * What a terminal may be given of text from the server: one string per line,
 * with no escape sequences, other control characters, bidi overrides or
 * invisible characters (shared/src/protocol/plain-text.ts). The zone already
 * cleans chat; this is defence in depth against anything that slips past it
 * (a name, an old server, a bug), applied to every line the client prints.
 */
export function printable(text: string): string[] {
  return plainLines(text);
}

const safe = (lines: readonly string[]): string[] => lines.flatMap(printable);

const COMPASS = ['north', 'north-east', 'east', 'south-east', 'south', 'south-west', 'west', 'north-west'] as const;

/** Eight-point compass name for a bearing in degrees (0 = north, clockwise). */
export function compassPoint(degrees: number): string {
  const normalised = ((degrees % 360) + 360) % 360;
  return COMPASS[Math.round(normalised / 45) % 8]!;
}

/** Below this, "12 m to the north" would claim a precision the player cannot use. */
const BESIDE_YOU_M = 1.5;
/** Steeper than this and the direction alone misleads (a cliff top, a cellar). */
const NOTABLE_ELEVATION_DEG = 10;

/** Where something is relative to you, e.g. "12 m to the north-east". */
export function describePlace(entry: Pick<RosterEntry, 'bearing' | 'range' | 'elevation'>): string {
  if (entry.range < BESIDE_YOU_M) return 'right beside you';
  const place = `${Math.round(entry.range)} m to the ${compassPoint(entry.bearing)}`;
  if (entry.elevation >= NOTABLE_ELEVATION_DEG) return `${place}, above you`;
  if (entry.elevation <= -NOTABLE_ELEVATION_DEG) return `${place}, below you`;
  return place;
}

function describeEntity(entry: RosterEntry): string {
  return `${entry.name} (${entry.kind})`;
}

export function formatArrival(entry: RosterEntry): string {
  return `${describeEntity(entry)} arrives ${describePlace(entry)}.`;
}

function formatDeparture(name: string): string {
  return `${name} leaves.`;
}

function metres(value: number): string {
  return String(Math.round(value));
}

export function formatWorldEnter(world: WorldEnter): string[] {
  const { character: me, zone } = world;
  const r = me.resources;
  const width = zone.bounds.maxX - zone.bounds.minX;
  const height = zone.bounds.maxY - zone.bounds.minY;
  const neighbours = zone.adjacent.length > 0 ? `Neighbouring zones: ${zone.adjacent.join(', ')}.` : 'No roads lead out of this zone.';
  return [
    `== ${zone.name} ==`,
    `You are ${me.name}, a level ${me.level} ${me.archetype}, standing at (${metres(me.x)}, ${metres(me.y)}) and facing ${compassPoint(me.heading)}.`,
    `HP ${metres(r.hp)}/${metres(r.maxHp)} · Stamina ${metres(r.stamina)}/${metres(r.maxStamina)} · Mana ${metres(r.mana)}/${metres(r.maxMana)}`,
    `The zone spans ${metres(width)} m by ${metres(height)} m. ${neighbours}`,
  ];
}

function byRange(a: RosterEntry, b: RosterEntry): number {
  return a.range - b.range;
}

export function formatRoster(entries: readonly RosterEntry[]): string[] {
  if (entries.length === 0) return ['There is nobody else in sight.'];
  return [...entries].sort(byRange).map((e) => `You see ${describeEntity(e)} ${describePlace(e)}.`);
}

/**
 * Movement of others is narrated only when a player starts or stops: every
 * position change would flood a terminal, and wildlife wanders constantly.
 */
export function formatChange(before: RosterEntry | undefined, after: RosterEntry): string[] {
  if (!before || before.moving === after.moving || after.kind !== 'player') return [];
  if (after.moving) return [`${after.name} starts walking ${compassPoint(after.heading)}.`];
  return [`${after.name} stops ${describePlace(after)}.`];
}

export function formatEvent(event: GameEvent): string[] {
  return printable(event.text);
}

export function formatError(error: ErrorPayload): string[] {
  return printable(`! ${error.message}`);
}

export interface OwnState {
  name: string;
  entityId: string;
  x: number;
  y: number;
  heading: number;
  moving: boolean;
}

/**
 * Keeps just enough of the world (who is around, where you are) to phrase
 * deltas: a removal carries only an id, and "stops" needs the previous state.
 */
export class MudNarrator {
  private readonly roster = new Map<string, RosterEntry>();
  private me: OwnState | undefined;

  get self(): Readonly<OwnState> | undefined {
    return this.me;
  }

  get nearby(): readonly RosterEntry[] {
    return [...this.roster.values()];
  }

  worldEnter(world: WorldEnter): string[] {
    const c = world.character;
    this.me = { name: c.name, entityId: c.entityId, x: c.x, y: c.y, heading: c.heading, moving: false };
    this.roster.clear();
    return safe(formatWorldEnter(world));
  }

  proximityRoster(roster: ProximityRoster): string[] {
    this.roster.clear();
    const others = roster.entities.filter((e) => e.id !== this.me?.entityId);
    for (const entry of others) this.roster.set(entry.id, entry);
    return safe(formatRoster(others));
  }

  proximityRosterDelta(delta: ProximityRosterDelta): string[] {
    const lines: string[] = [];
    for (const id of delta.removed) {
      const gone = this.roster.get(id);
      this.roster.delete(id);
      if (gone) lines.push(formatDeparture(gone.name));
    }
    for (const entry of [...delta.added].sort(byRange)) {
      if (entry.id === this.me?.entityId) continue;
      this.roster.set(entry.id, entry);
      lines.push(formatArrival(entry));
    }
    for (const entry of delta.changed) {
      if (entry.id === this.me?.entityId) continue;
      lines.push(...formatChange(this.roster.get(entry.id), entry));
      this.roster.set(entry.id, entry);
    }
    return safe(lines);
  }

  stateUpdate(update: StateUpdate): string[] {
    const c = update.character;
    if (!c || !this.me) return [];
    const wasMoving = this.me.moving;
    if (c.x !== undefined) this.me.x = c.x;
    if (c.y !== undefined) this.me.y = c.y;
    if (c.heading !== undefined) this.me.heading = c.heading;
    if (c.moving !== undefined) this.me.moving = c.moving;
    if (wasMoving && !this.me.moving) return [`You stop at (${metres(this.me.x)}, ${metres(this.me.y)}).`];
    if (!wasMoving && this.me.moving) return [`You start walking ${compassPoint(this.me.heading)}.`];
    return [];
  }

  event(event: GameEvent): string[] {
    return formatEvent(event);
  }

  error(error: ErrorPayload): string[] {
    return formatError(error);
  }
}
