import type { SpawnRuleRecord } from '@aether/shared/db';
import type { StepContext } from '../simulation/step.js';
import type { System, SystemResult } from '../world/system.js';
import type { Entity, World } from '../world/types.js';
import { behave, type Creature } from './behaviour.js';
import { NO_COMBAT, type CreatureCombat } from './creature-combat.js';
import { slotKey, type SpawnSlot } from './creature.js';
import { levelAt } from './growth.js';
import { armament, spawnCreature } from './spawning.js';
import { DEFAULT_WILDLIFE_TUNING, type WildlifeTuning } from './tuning.js';

export interface WildlifeSystemOptions {
  /** How creatures fight; without it they wander, flee and chase but cannot hurt or be hurt. */
  combat?: CreatureCombat;
  tuning?: WildlifeTuning;
}

/**
 * Keeps each spawn rule's creatures alive in its region and runs their
 * minds: spawning up to `count`, growing with age, wandering, fleeing or
 * hunting by temperament, leashing, and respawning `respawnSeconds` after a
 * death. Pure: everything it remembers lives in the world (`Entity.wildlife`
 * and `World.wildlife`), all chance comes from `context.random`.
 */
export class WildlifeSystem implements System {
  readonly name = 'wildlife';
  private readonly combat: CreatureCombat;
  private readonly tuning: WildlifeTuning;

  /** `spawnTable`: this zone's rules; their order fixes the order of random draws. */
  constructor(
    private readonly spawnTable: readonly SpawnRuleRecord[],
    options: WildlifeSystemOptions = {},
  ) {
    this.combat = options.combat ?? NO_COMBAT;
    this.tuning = options.tuning ?? DEFAULT_WILDLIFE_TUNING;
  }

  update(world: World, _dt: number, context: StepContext): SystemResult {
    const summoned = hasSummoned(world);
    if (this.spawnTable.length === 0 && !summoned) return { world, outgoing: [] };
    const now = world.time;
    const slots = new Map(world.wildlife?.slots);
    const entities = new Map(world.entities);
    if (summoned) this.liveSummoned(world, entities, now, context);
    for (const rule of this.spawnTable) {
      const behaviour = { world, rule, random: context.random, tuning: this.tuning, combat: this.combat };
      for (let slot = 0; slot < rule.count; slot += 1) {
        const key = slotKey(rule.id, slot);
        const state = slots.get(key);
        if (state?.kind === 'alive') {
          const next = this.live(entities.get(state.entityId) as Creature | undefined, state, rule, now, behaviour);
          if (next.kind === 'alive') entities.set(next.creature.id, next.creature);
          else {
            entities.delete(state.entityId);
            slots.set(key, next.slot);
          }
          continue;
        }
        if (state && now < state.respawnAt) continue;
        const generation = state ? state.generation + 1 : 0;
        const creature = spawnCreature(rule, slot, generation, now, context.random, this.combat, this.tuning);
        entities.set(creature.id, creature);
        slots.set(key, { kind: 'alive', entityId: creature.id, generation });
      }
    }
    return { world: { ...world, entities, wildlife: { slots } }, outgoing: [] };
  }

  /** Creatures an admin summoned (summon.ts): they live by their own rule; when gone, they are gone. */
  private liveSummoned(world: World, entities: Map<string, Entity>, now: number, context: StepContext): void {
    for (const entity of world.entities.values()) {
      const rule = entity.wildlife?.summoned;
      if (!rule) continue;
      const behaviour = { world, rule, random: context.random, tuning: this.tuning, combat: this.combat };
      const next = this.live(entity as Creature, { kind: 'alive', entityId: entity.id, generation: 0 }, rule, now, behaviour);
      if (next.kind === 'alive') entities.set(entity.id, next.creature);
      else entities.delete(entity.id);
    }
  }

  /** One tick of a slot's creature: grown and moved, lying dead a while, or gone (with its respawn time). */
  private live(
    creature: Creature | undefined,
    state: Extract<SpawnSlot, { kind: 'alive' }>,
    rule: SpawnRuleRecord,
    now: number,
    behaviour: Parameters<typeof behave>[1],
  ): { kind: 'alive'; creature: Creature } | { kind: 'gone'; slot: SpawnSlot } {
    const { generation } = state;
    // Taken out of the world by someone else (combat, an admin): the respawn timer starts now.
    if (!creature?.wildlife) return { kind: 'gone', slot: { kind: 'empty', respawnAt: now + rule.respawnSeconds, generation } };
    if (this.combat.isDead(creature)) {
      const diedAt = this.combat.diedAt(creature);
      if (diedAt !== undefined && now - diedAt < this.tuning.corpseSeconds) return { kind: 'alive', creature };
      return { kind: 'gone', slot: { kind: 'empty', respawnAt: (diedAt ?? now) + rule.respawnSeconds, generation } };
    }
    return { kind: 'alive', creature: behave(this.grow(creature, rule, now), behaviour) };
  }

  private grow(creature: Creature, rule: SpawnRuleRecord, now: number): Creature {
    const { wildlife } = creature;
    const level = levelAt(wildlife.spawnLevel, now - wildlife.bornAt, rule.species.secondsPerLevel, rule.maxLevel);
    if (level === wildlife.level) return creature;
    return this.combat.grow({ ...creature, wildlife: { ...wildlife, level } }, armament(rule, level)) as Creature;
  }
}

/** Is any summoned creature here? A loop that stops at the first, so zones without any pay nearly nothing. */
function hasSummoned(world: World): boolean {
  for (const entity of world.entities.values()) if (entity.wildlife?.summoned) return true;
  return false;
}
