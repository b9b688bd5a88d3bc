import type { RosterEntry, WorldEnter } from '@aether/shared';
import { executeCommand } from '../commands/execute.js';
import type { CommandRegistry } from '../commands/registry.js';
import { advance, intentFor, zoneEntered } from '../movement/move.js';
import { borderReports, GHOST_TTL_SECONDS, liveGhosts } from '../borders/border-interest.js';
import { round } from '../movement/geometry.js';
import { diffRoster, isEmptyDelta, rosterFor } from '../proximity/roster.js';
import { SpatialHash } from '../proximity/spatial-hash.js';
import { withEntity, withoutEntity } from './queries.js';
import type { Rules } from './rules.js';
import type { Effect } from './effects.js';
import type { System } from './system.js';
import { isMoving, type Entity, type Input, type Outgoing, type World } from './types.js';

export interface StepContext {
  rules: Rules;
  commands: CommandRegistry;
  /** Run in this order each tick, after inputs, before movement. */
  systems?: readonly System[];
  /** Uniform in [0, 1); seeded in tests so outcomes repeat. */
  random: () => number;
}

export interface StepResult {
  world: World;
  outgoing: Outgoing[];
  effects: Effect[];
}

/**
 * One simulation tick: apply inputs in arrival order, move everything by
 * `dt` seconds, then tell each player what changed around it. Pure: the same
 * world and inputs always give the same result, which is what lets a zone be
 * checkpointed and resumed elsewhere.
 */
export function step(world: World, inputs: readonly Input[], dt: number, context: StepContext): StepResult {
  const outgoing: Outgoing[] = [];
  const effects: Effect[] = [];
  const joined = new Set<string>();
  let current = world;

  for (const input of inputs) {
    switch (input.kind) {
      case 'join': {
        current = withEntity(current, input.entity);
        joined.add(input.entity.id);
        const enter = worldEnter(current, input.entity);
        if (enter) outgoing.push({ to: input.entity.id, event: 'world_enter', data: enter });
        break;
      }
      case 'leave': {
        current = withoutEntity(current, input.entityId);
        joined.delete(input.entityId);
        break;
      }
      case 'resync': {
        const entity = current.entities.get(input.entityId);
        if (!entity) break;
        joined.add(entity.id);
        const enter = worldEnter(current, entity);
        if (enter) outgoing.push({ to: entity.id, event: 'world_enter', data: enter });
        break;
      }
      case 'ghosts': {
        const ghosts = new Map(current.ghosts);
        ghosts.set(input.fromZoneId, { entities: input.entities, receivedAt: current.time });
        current = { ...current, ghosts };
        break;
      }
      case 'move': {
        const entity = current.entities.get(input.entityId);
        if (entity) current = withEntity(current, { ...entity, intent: intentFor(entity, input.move, current.zone) });
        break;
      }
      case 'command': {
        const actor = current.entities.get(input.entityId);
        if (!actor) break;
        const result = executeCommand(current, actor, input.text, context);
        if (result.world) current = result.world;
        outgoing.push(...result.outgoing);
        if (result.effects) effects.push(...result.effects);
        break;
      }
    }
  }

  for (const system of context.systems ?? []) {
    const result = system.update(current, dt, context);
    current = result.world;
    outgoing.push(...result.outgoing);
    if (result.effects) effects.push(...result.effects);
  }

  const moved = new Map<string, Entity>();
  for (const entity of current.entities.values()) {
    const next = advance(entity, dt, current.zone);
    moved.set(entity.id, next);
    // Compare with the entity as the tick found it, so a stop ordered this tick is reported too.
    const before = world.entities.get(entity.id) ?? entity;
    if (next.player && !joined.has(next.id) && (next.x !== before.x || next.y !== before.y || isMoving(next) !== isMoving(before))) {
      outgoing.push({
        to: next.id,
        event: 'state_update',
        data: { character: { x: round(next.x), y: round(next.y), z: round(next.z), heading: round(next.heading, 1), moving: isMoving(next) } },
      });
    }
  }

  // Players who walked into a neighbouring zone leave this one; the host hands them over.
  for (const [id, entity] of moved) {
    const into = entity.player ? zoneEntered(entity.x, entity.y, current.zone) : undefined;
    if (!into || !entity.player) continue;
    moved.delete(id);
    joined.delete(id);
    const { hp, stamina, mana } = entity.player.resources;
    effects.push({
      kind: 'transfer',
      characterId: entity.player.characterId,
      toZoneId: into,
      state: { x: entity.x, y: entity.y, z: entity.z, heading: entity.heading, intent: entity.intent },
      resources: { hp, stamina, mana },
    });
  }

  const seen = { ...current, entities: moved };
  const hash = SpatialHash.of(context.rules.perceptionRange, [...moved.values(), ...liveGhosts(seen)]);
  const rosters = new Map<string, ReadonlyMap<string, RosterEntry>>();
  for (const viewer of moved.values()) {
    if (!viewer.player) continue;
    const visible = rosterFor(viewer, hash, context.rules.perceptionRange);
    const previous = current.rosters.get(viewer.id);
    if (joined.has(viewer.id) || !previous) {
      rosters.set(viewer.id, visible);
      outgoing.push({ to: viewer.id, event: 'proximity_roster', data: { zoneId: current.zone.id, entities: [...visible.values()] } });
      continue;
    }
    const { delta, next } = diffRoster(previous, visible);
    rosters.set(viewer.id, next);
    if (!isEmptyDelta(delta)) outgoing.push({ to: viewer.id, event: 'proximity_roster_delta', data: delta });
  }

  // Border reports at half the tick rate: enough for a smooth view across the border.
  let borderShown = current.borderShown;
  if (current.tick % 2 === 0 && (current.zone.neighbors?.length ?? 0) > 0) {
    const shown = new Set<string>();
    for (const [toZoneId, entities] of borderReports(seen, context.rules.perceptionRange)) {
      if (entities.length > 0) shown.add(toZoneId);
      if (entities.length > 0 || current.borderShown.has(toZoneId)) effects.push({ kind: 'border', toZoneId, entities });
    }
    borderShown = shown;
  }
  const ghosts = new Map([...current.ghosts].filter(([, report]) => current.time - report.receivedAt <= GHOST_TTL_SECONDS));

  return {
    // The spread carries what systems keep on the world (wildlife's respawn timers) into the next tick.
    world: { ...current, zone: current.zone, tick: current.tick + 1, time: current.time + dt, entities: moved, rosters, ghosts, borderShown },
    outgoing,
    effects,
  };
}

function worldEnter(world: World, entity: Entity): WorldEnter | undefined {
  if (!entity.player) return undefined;
  const { zone } = world;
  return {
    character: {
      id: entity.player.characterId,
      entityId: entity.id,
      name: entity.name,
      archetype: entity.player.archetype,
      level: entity.player.level,
      zoneId: zone.id,
      x: round(entity.x),
      y: round(entity.y),
      z: round(entity.z),
      heading: entity.heading,
      resources: entity.player.resources,
    },
    zone: { id: zone.id, name: zone.name, bounds: zone.bounds, adjacent: zone.adjacent },
  };
}
