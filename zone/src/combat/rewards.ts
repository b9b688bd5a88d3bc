import { levelOf, withCombat, type Fighter } from './combatant.js';
import type { CombatTick } from './combat-tick.js';
import { addItem } from './items/inventory.js';
import { nameOf } from './narrative.js';
import { grow, levelForXp, splitXp } from './progression.js';

/** The victim's worth, shared among the players who damaged it by how much each dealt. */
export function awardExperience(tick: CombatTick, victim: Fighter): void {
  const total = victim.combat.xpValue ?? tick.rules.xpPerVictimLevel * levelOf(victim);
  const contributions = Object.entries(victim.combat.state.damagedBy).filter(([id]) => id !== victim.id && tick.get(id)?.player);
  for (const [id, xp] of splitXp(total, contributions)) {
    if (xp > 0) gainExperience(tick, id, xp, nameOf(victim));
  }
}

/** Adds experience; a level-up grows stats and pools, refills them and teaches the abilities of the new level. */
function gainExperience(tick: CombatTick, id: string, amount: number, from?: string): void {
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
      ...withCombat(next, { stats: grown.stats, abilities: [...combat.abilities, ...learned] }),
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
    maxHp: resources.maxHp,
    maxStamina: resources.maxStamina,
    maxMana: resources.maxMana,
  });
}

/** Each loot entry is rolled once; what drops goes to the player who dealt the most damage. */
export function dropLoot(tick: CombatTick, victim: Fighter): void {
  if (victim.combat.loot.length === 0) return;
  const ranked = Object.entries(victim.combat.state.damagedBy)
    .filter(([id]) => tick.get(id)?.player)
    .sort(([, a], [, b]) => b - a);
  const recipientId = ranked[0]?.[0];
  if (!recipientId) return;
  for (const entry of victim.combat.loot) {
    if (tick.random() >= entry.chance) continue;
    const item = tick.deps.items.get(entry.itemId);
    const recipient = tick.fighter(recipientId);
    if (!item || !recipient?.player) continue;
    const added = addItem(recipient.combat.inventory, item, entry.quantity, tick.rules.bagSlots);
    tick.put(withCombat(recipient, { inventory: added.inventory }));
    for (const slot of added.changed) {
      tick.effects.push({ kind: 'inventory', characterId: recipient.player.characterId, slot: slot.slot, itemId: slot.itemId, quantity: slot.quantity });
    }
    const kept = entry.quantity - added.lost;
    if (kept > 0) tick.tell(recipient, 'progress', `You loot ${kept} × ${item.name} from ${nameOf(victim)}.`);
    if (added.lost > 0) tick.tell(recipient, 'progress', `Your bags are full: ${added.lost} × ${item.name} is left behind.`);
  }
}
