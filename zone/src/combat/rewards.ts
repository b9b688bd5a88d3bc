import { levelOf, withCombat, type Fighter } from './combatant.js';
import type { CombatTick } from './combat-tick.js';
import type { Entity } from '../world/types.js';
import { gearFor } from './items/gear.js';
import { offerLoot, rollLoot } from './items/loot-window.js';
import { nameOf } from './narrative.js';
import { grow, levelForXp, splitXp } from './progression.js';

/** The victim's worth, shared among the players who damaged it by how much each dealt. */
export function awardExperience(tick: CombatTick, victim: Fighter): void {
  // Killing players is worth nothing, so nobody farms a friend's character for experience (docs/gameplay.md, "Player versus player").
  if (victim.player) return;
  const total = victim.combat.xpValue ?? tick.rules.xpPerVictimLevel * levelOf(victim);
  const contributions = Object.entries(victim.combat.state.damagedBy).filter(([id]) => id !== victim.id && (tick.get(id)?.player || remotePlayer(tick, id)));
  for (const [id, xp] of splitXp(total, contributions)) {
    if (xp <= 0) continue;
    const across = remotePlayer(tick, id);
    // A player across a border gets their share through their own zone (zone/src/combat/remote/).
    if (across) tick.replies().to(across, across.ghostOf!, victim.id).xp = { amount: xp, from: nameOf(victim) };
    else gainExperience(tick, id, xp, nameOf(victim));
  }
}

/** Adds experience; a level-up grows stats and pools, refills them and teaches the abilities of the new level. */
export function gainExperience(tick: CombatTick, id: string, amount: number, from?: string): void {
  const fighter = tick.fighter(id);
  if (!fighter?.player) return;
  const { player, combat } = fighter;
  const xp = combat.xp + amount;
  const level = levelForXp(xp, tick.rules);
  tick.tell(fighter, 'progress', `You gain ${amount} experience${from ? ` for ${from}` : ''}.`);
  let next: Fighter = withCombat(fighter, { xp });
  if (level > player.level) {
    const grown = grow(player.archetype, combat.stats, player.resources, level - player.level, tick.rules);
    const known = new Set(combat.abilities.map((ability) => ability.id));
    const learned = tick.deps.abilities.grantedTo(player.archetype, level).filter((ability) => !known.has(ability.id));
    next = {
      // Worn equipment adds to the grown stats as it did to the old ones.
      ...withCombat(next, { stats: grown.stats, gear: combat.gear && gearFor(grown.stats, combat.gear.bonuses), abilities: [...combat.abilities, ...learned] }),
      player: { ...player, level, resources: grown.resources },
    };
    tick.tell(fighter, 'progress', `You reach level ${level}! Your pools are full again.`);
    for (const ability of learned) {
      tick.tell(fighter, 'progress', `You learn ${ability.name}: ${ability.description}`);
      tick.effects.push({ kind: 'ability_learned', characterId: player.characterId, abilityId: ability.id });
    }
  }
  tick.put(next);
  const { resources } = next.player!;
  tick.effects.push({
    kind: 'progress',
    characterId: player.characterId,
    level: next.player!.level,
    xp,
    stats: next.combat.stats,
    // The stored max hp is without equipment: its bonus comes back with it at the next load.
    maxHp: resources.maxHp - (next.combat.gear?.bonuses.maxHp ?? 0),
    maxStamina: resources.maxStamina,
    maxMana: resources.maxMana,
  });
}

/**
 * Each loot entry is rolled once; what drops waits in the loot window of the
 * player who dealt the most damage (a party's other members get none: the top
 * damager takes it, docs/gameplay.md "Items").
 */
export function dropLoot(tick: CombatTick, victim: Fighter): void {
  if (victim.combat.loot.length === 0) return;
  const ranked = Object.entries(victim.combat.state.damagedBy)
    .filter(([id]) => tick.get(id)?.player || remotePlayer(tick, id))
    .sort(([, a], [, b]) => b - a);
  const recipientId = ranked[0]?.[0];
  if (!recipientId) return;
  const drops = rollLoot(victim.combat.loot, tick.random).filter((drop) => tick.deps.items.get(drop.itemId));
  if (drops.length === 0) return;
  const across = remotePlayer(tick, recipientId);
  if (across) {
    // A player across a border gets the window in their own zone (zone/src/combat/remote/).
    const reply = tick.replies().to(across, across.ghostOf!, victim.id);
    reply.xp ??= { amount: 0, from: nameOf(victim) };
    reply.loot = [...(reply.loot ?? []), ...drops];
    return;
  }
  offerLoot(tick, recipientId, nameOf(victim), drops);
}

/** A player who is not here but seen across a border (a ghost): their rewards go to their zone. */
function remotePlayer(tick: CombatTick, id: string): Entity | undefined {
  if (tick.get(id)) return undefined;
  const ghost = tick.ghost(id);
  return ghost?.kind === 'player' ? ghost : undefined;
}
