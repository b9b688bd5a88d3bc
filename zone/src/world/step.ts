import type { RosterEntry, WorldEnter } from '@aether/shared';
import { executeCommand } from '../commands/execute.js';
import type { CommandRegistry } from '../commands/registry.js';
import { advance, intentFor } from '../movement/move.js';
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

  const hash = SpatialHash.of(context.rules.perceptionRange, moved.values());
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

  return {
    world: { zone: current.zone, tick: current.tick + 1, time: current.time + dt, entities: moved, rosters },
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
