import type { WorldEnter } from '@aether/shared';
import { executeCommand } from '../commands/execute.js';
import type { CommandRegistry } from '../commands/registry.js';
import { advance, intentFor, zoneEntered } from '../movement/move.js';
import { borderReports, GHOST_TTL_SECONDS } from '../borders/border-interest.js';
import { round } from '../movement/geometry.js';
import type { Rules } from '../rules/rules.js';
import type { Effect } from '../world/effects.js';
import { asDraft } from '../world/queries.js';
import type { StepContext, System } from '../world/system.js';
import { gameEvent, type Entity, type Input, type Outgoing, type PlayerProfile, type World } from '../world/types.js';
import { npcSays } from '../npc/speak.js';
import { snapshotCombat } from '../combat/combat-snapshot.js';
import { queueRemoteCombat } from '../combat/remote/remote-combat.js';
import { forgetShown } from './resync.js';

// The kernel's StepContext holds the clock and the dice; the orchestrator
// that composes the features adds what they share (zone/src/world/system.ts).
declare module '../world/system.js' {
  interface StepContext {
    rules: Rules;
    commands: CommandRegistry;
    /** Run in this order each tick, after inputs, before movement. */
    systems?: readonly System[];
  }
}

export type { StepContext };

export interface StepResult {
  world: World;
  outgoing: Outgoing[];
  effects: Effect[];
}

/**
 * One simulation tick: apply inputs in arrival order, run the game systems,
 * move everything by `dt` seconds, hand over players who crossed a border
 * and report what stands near borders. Pure: the same
 * world and inputs always give the same result, which is what lets a zone be
 * checkpointed and resumed elsewhere.
 */
export function step(world: World, inputs: readonly Input[], dt: number, context: StepContext): StepResult {
  const outgoing: Outgoing[] = [];
  const effects: Effect[] = [];
  let current = world;
  // The tick's own copy of the entity map, made at the first change: inputs
  // then edit it in place instead of copying the whole map once per input.
  // The world holding it is a draft (asDraft), so commands' withEntity()
  // edits it in place too. `world` itself is never a draft, nor edited.
  let owned: Map<string, Entity> | undefined;
  const entities = (): Map<string, Entity> => {
    if (!owned) {
      owned = new Map(current.entities);
      current = asDraft({ ...current, entities: owned });
    }
    return owned;
  };

  for (const input of inputs) {
    switch (input.kind) {
      case 'join': {
        entities().set(input.entity.id, input.entity);
        const enter = worldEnter(current, input.entity);
        if (enter) outgoing.push({ to: input.entity.id, event: 'world_enter', data: enter });
        break;
      }
      case 'leave': {
        if (current.entities.has(input.entityId)) entities().delete(input.entityId);
        break;
      }
      case 'resync': {
        const entity = current.entities.get(input.entityId);
        if (!entity) break;
        // world_enter makes the view send this player everything again (a full frame);
        // the features send their parts of state_update again once nothing is marked shown.
        const enter = worldEnter(current, entity);
        if (enter) outgoing.push({ to: entity.id, event: 'world_enter', data: enter });
        entities().set(entity.id, forgetShown(entity));
        break;
      }
      case 'ghosts': {
        const ghosts = new Map(current.ghosts);
        ghosts.set(input.fromZoneId, { entities: input.entities, receivedAt: current.time });
        current = { ...current, ghosts };
        if (owned) asDraft(current);
        break;
      }
      case 'move': {
        const entity = current.entities.get(input.entityId);
        if (entity) entities().set(entity.id, { ...entity, intent: intentFor(entity, input.move, current.zone) });
        break;
      }
      case 'account': {
        const entity = current.entities.get(input.entityId);
        if (!entity?.player) break;
        entities().set(entity.id, { ...entity, player: withStanding(entity.player, input) });
        break;
      }
      case 'party': {
        const entity = current.entities.get(input.entityId);
        if (!entity?.player || (entity.player.partyId ?? null) === input.partyId) break;
        const { partyId: _old, ...player } = entity.player;
        entities().set(entity.id, { ...entity, player: input.partyId === null ? player : { ...player, partyId: input.partyId } });
        break;
      }
      case 'teleport': {
        const entity = current.entities.get(input.entityId);
        if (!entity) break;
        const { bounds } = current.zone;
        const x = Math.min(bounds.maxX, Math.max(bounds.minX, input.x));
        const y = Math.min(bounds.maxY, Math.max(bounds.minY, input.y));
        const moved = { ...entity, x, y, intent: { kind: 'idle' } as const };
        entities().set(entity.id, moved);
        outgoing.push({ to: entity.id, event: 'event', data: gameEvent(context.now(), 'movement', `You are teleported to (${round(x)}, ${round(y)}).`) });
        // world_enter makes the view send the player everything again, from where they now stand.
        const enter = worldEnter(current, moved);
        if (enter) outgoing.push({ to: entity.id, event: 'world_enter', data: enter });
        break;
      }
      case 'strike':
      case 'strike_result': {
        // For the combat update below (zone/src/combat/remote/); dropped at the end of the tick.
        current = queueRemoteCombat(current, input);
        if (owned) asDraft(current);
        break;
      }
      case 'npc_reply': {
        const npc = current.entities.get(input.npcEntityId);
        if (!npc?.npc || !current.entities.has(input.to)) break;
        outgoing.push(
          ...npcSays({ world: current, rules: context.rules, registry: context.commands, random: context.random, now: context.now }, npc, input.text, input.to),
        );
        break;
      }
      case 'command': {
        const actor = current.entities.get(input.entityId);
        if (!actor) break;
        const result = executeCommand(current, actor, input.text, context);
        if (result.world && result.world !== current) {
          // A command given a world that is not yet a draft copies the map
          // (withEntity) into one only this tick has seen: keep that as the
          // tick's copy. Anything still sharing the input's map is not ours.
          const next = result.world.entities;
          owned = next !== world.entities && next instanceof Map ? next : undefined;
          current = owned ? asDraft({ ...result.world }) : result.world;
        }
        outgoing.push(...result.outgoing);
        if (result.effects) effects.push(...result.effects);
        break;
      }
    }
  }

  // Systems get an ordinary world (the spread drops the draft mark): they
  // keep their own copies and may hold on to the world they were given.
  if (owned) current = { ...current };
  for (const system of context.systems ?? []) {
    const result = system.update(current, dt, context);
    current = result.world;
    outgoing.push(...result.outgoing);
    if (result.effects) effects.push(...result.effects);
  }

  const moved = new Map<string, Entity>();
  for (const entity of current.entities.values()) moved.set(entity.id, advance(entity, dt, current.zone));

  // Players who walked into a neighbouring zone leave this one; the host hands them over.
  for (const [id, entity] of moved) {
    const into = entity.player ? zoneEntered(entity.x, entity.y, current.zone) : undefined;
    if (!into || !entity.player) continue;
    moved.delete(id);
    const { hp, stamina, mana } = entity.player.resources;
    effects.push({
      kind: 'transfer',
      characterId: entity.player.characterId,
      toZoneId: into,
      state: { x: entity.x, y: entity.y, z: entity.z, heading: entity.heading, intent: entity.intent },
      resources: { hp, stamina, mana },
      // As of the next tick's time, when the fighter would have been simulated next.
      ...(entity.combat ? { combat: snapshotCombat(entity.combat.state, current.time + dt) } : {}),
    });
  }

  const seen = { ...current, entities: moved };
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
  const ghosts =
    current.ghosts.size === 0 ? current.ghosts : new Map([...current.ghosts].filter(([, report]) => current.time - report.receivedAt <= GHOST_TTL_SECONDS));

  // Strikes from across a border were combat's to handle this tick, and only this tick.
  if (current.remoteCombat) {
    const { remoteCombat: _handled, ...rest } = current;
    current = rest;
  }
  // This tick's deaths were for the systems after combat (quests), and only this tick.
  if (current.kills) {
    const { kills: _counted, ...rest } = current;
    current = rest;
  }

  // What each player sees of all this is the view's business (zone/src/view), after the tick.
  return {
    // The spread carries what systems keep on the world (wildlife's respawn timers) into the next tick.
    world: { ...current, zone: current.zone, tick: current.tick + 1, time: current.time + dt, entities: moved, ghosts, borderShown },
    outgoing,
    effects,
  };
}

function withStanding(player: PlayerProfile, change: Extract<Input, { kind: 'account' }>): PlayerProfile {
  const { admin, mutedUntil, ...rest } = player;
  const isAdmin = change.admin ?? admin === true;
  const muted = change.mutedUntil === undefined ? mutedUntil : (change.mutedUntil ?? undefined);
  return { ...rest, ...(isAdmin ? { admin: true as const } : {}), ...(muted !== undefined ? { mutedUntil: muted } : {}) };
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
