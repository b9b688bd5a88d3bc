import type { StepContext, System, SystemResult } from '../world/system.js';
import type { World } from '../world/types.js';
import { AbilityCatalog } from './abilities/ability-catalog.js';
import { autoAttack } from './actions.js';
import { advanceCast } from './cast.js';
import { DEFAULT_COMBAT_RULES, type CombatRules } from './combat-rules.js';
import { resourcesOf } from './combatant.js';
import { CombatTick, type CombatDeps } from './combat-tick.js';
import { DamageCalculator } from './damage-calculator.js';
import { kill, whileDead } from './death.js';
import { ItemCatalog } from './items/item-catalog.js';
import { keepDuel } from './pvp/duels.js';
import { receiveRemoteCombat } from './remote/strike-in.js';
import { report } from './reporting.js';
import { upkeep } from './upkeep.js';

export interface CombatManagerOptions {
  rules?: CombatRules;
  /** Defaults to the in-memory abilities; pass the database-backed catalog in a server. */
  abilities?: AbilityCatalog;
  items?: ItemCatalog;
}

/**
 * Combat as a game system: each tick, for every entity with a combat
 * component, in the zone's entity order: effects wear off, the ATB gauge
 * fills, pools regenerate, casts complete or are interrupted, auto-attacks
 * swing, quiet fights end, the dead wait and respawn. Then every player is
 * told what changed. Pure: time is `world.time`, chance is `context.random`.
 */
export class CombatManager implements System {
  readonly name = 'combat';
  private readonly deps: CombatDeps;

  constructor(options: CombatManagerOptions = {}) {
    const rules = options.rules ?? DEFAULT_COMBAT_RULES;
    this.deps = {
      rules,
      calculator: new DamageCalculator(rules),
      abilities: options.abilities ?? new AbilityCatalog(),
      items: options.items ?? new ItemCatalog(),
      atRest: new WeakMap(),
    };
  }

  update(world: World, dt: number, context: StepContext): SystemResult {
    const tick = new CombatTick(world, world.time, context.random, this.deps, context.now());
    // Blows from across a border land before this tick's own, as inputs do (zone/src/combat/remote/).
    if (world.remoteCombat) receiveRemoteCombat(tick, world.remoteCombat);
    for (const id of tick.ids()) {
      const fighter = tick.fighter(id);
      if (!fighter) continue;
      // Player versus player: duels' clocks and leashes, and state_update.pvp (zone/src/combat/pvp).
      if (fighter.player) keepDuel(tick, id);
      if (fighter.combat.state.dead) {
        whileDead(tick, id);
        continue;
      }
      // Someone who logged out dead, or was hurt by another system.
      if (resourcesOf(fighter).hp <= 0) {
        kill(tick, id);
        continue;
      }
      upkeep(tick, id, dt);
      advanceCast(tick, id);
      autoAttack(tick, id);
    }
    report(tick);
    return tick.result();
  }
}
