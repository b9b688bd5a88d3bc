import type { System } from '../world/system.js';
import type { Entity } from '../world/types.js';
import type { AllyVitals } from './allies.js';

export interface AlliesSamplerOptions {
  /** The entity's ATB gauge, 0..100; by default the combat component's (zone/src/combat). Without one, allies carry HP, Stamina and Mana only. */
  atbOf?: (entity: Entity) => number | undefined;
}

/**
 * Samples every player's gauges each `rules.alliesIntervalSeconds` of
 * simulated time and hands them to the zone host as a `party.vitals` effect.
 * Which of them changed, and who must hear about it, is the host's business:
 * it needs the party state on the bus, which a pure tick cannot read.
 */
export function alliesSampler(options: AlliesSamplerOptions = {}): System {
  return {
    name: 'allies',
    update(world, dt, context) {
      const interval = context.rules.alliesIntervalSeconds;
      if (!(interval > 0) || Math.floor((world.time + dt) / interval) === Math.floor(world.time / interval)) return { world, outgoing: [] };
      const players: AllyVitals[] = [];
      for (const entity of world.entities.values()) {
        if (entity.player) players.push(vitalsOf(entity, world.zone.id, options.atbOf ?? combatAtb));
      }
      // Sampled even when empty: that is how the host notices its last player left.
      return { world, outgoing: [], effects: [{ kind: 'party.vitals', zoneId: world.zone.id, players }] };
    },
  };
}

const combatAtb = (entity: Entity): number | undefined => entity.combat?.state.atb;

export function vitalsOf(entity: Entity, zoneId: string, atbOf?: (entity: Entity) => number | undefined): AllyVitals {
  const r = entity.player!.resources;
  const atb = atbOf?.(entity);
  return {
    characterId: entity.player!.characterId,
    name: entity.name,
    zoneId,
    // Whole points: fractional regeneration would make every sample a change.
    hp: Math.round(r.hp),
    maxHp: Math.round(r.maxHp),
    stamina: Math.round(r.stamina),
    maxStamina: Math.round(r.maxStamina),
    mana: Math.round(r.mana),
    maxMana: Math.round(r.maxMana),
    // Steps of 5 points: enough to see a gauge fill, few enough that a sample is not always a change.
    ...(atb !== undefined && Number.isFinite(atb) ? { atb: Math.min(100, Math.max(0, Math.round(atb / 5) * 5)) } : {}),
  };
}
