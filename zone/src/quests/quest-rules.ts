import type { ErrorCode } from '@aether/shared';
import { addItem, countItem, removeItem } from '../combat/items/inventory.js';
import type { InventoryEntry, ItemDefinition } from '../combat/items/item.js';
import type { QuestDefinition } from './quest-catalog.js';
import { entryOf, type QuestLog, type QuestLogEntry } from './quest-log.js';

export type Refusal = { ok: false; code: ErrorCode; message: string };

/** Why the player may not take the quest now, or undefined when they may. */
export function acceptRefusal(quest: QuestDefinition, log: QuestLog, level: number): Refusal | undefined {
  const entry = entryOf(log, quest.id);
  if (entry?.status === 'active') return { ok: false, code: 'not_allowed', message: `You are already on ${quest.name}. /quests shows how far you are.` };
  if (entry?.status === 'done' && !quest.repeatable) return { ok: false, code: 'not_allowed', message: `You have already done ${quest.name}.` };
  if (level < quest.minLevel) return { ok: false, code: 'not_allowed', message: `${quest.name} needs level ${quest.minLevel}; you are level ${level}.` };
  return undefined;
}

/** How far along an active quest is: kills so far, or how many of the item the bags hold (at most the goal either way). */
export function progressOf(quest: QuestDefinition, entry: QuestLogEntry, inventory: readonly InventoryEntry[], bagSlots: number): number {
  const done = quest.objective === 'kill' ? entry.progress : countItem(inventory, quest.targetId, bagSlots);
  return Math.min(done, quest.goal);
}

/** "Boar Bounty: 1/1 Wild boar". */
export function progressLine(quest: QuestDefinition, progress: number): string {
  return `${quest.name}: ${progress}/${quest.goal} ${quest.targetName}`;
}

/**
 * A kill of `speciesId` by the player: each active kill quest for that species
 * short of its goal counts one more. Answers the entries that advanced (none:
 * the log is unchanged).
 */
export function countKill(log: QuestLog, quests: (id: string) => QuestDefinition | undefined, speciesId: string): QuestLogEntry[] {
  const advanced: QuestLogEntry[] = [];
  for (const entry of log.entries) {
    if (entry.status !== 'active') continue;
    const quest = quests(entry.questId);
    if (quest?.objective !== 'kill' || quest.targetId !== speciesId || entry.progress >= quest.goal) continue;
    advanced.push({ ...entry, progress: entry.progress + 1 });
  }
  return advanced;
}

export interface TurnIn {
  ok: true;
  inventory: InventoryEntry[];
  coins: number;
  /** Bag slots that changed (the last contents of each), to write through. */
  changed: InventoryEntry[];
}

/**
 * Turning in an active quest: the objective must be met (kills counted, or
 * `goal` of the item in the bags, which the giver takes), and the reward item
 * must fit in the bags; then the reward coins go in the purse. Experience is
 * the caller's (it goes through combat's level-ups).
 */
export function turnIn(
  quest: QuestDefinition,
  entry: QuestLogEntry,
  purse: { inventory: readonly InventoryEntry[]; coins: number },
  rewardItem: ItemDefinition | undefined,
  bagSlots: number,
): TurnIn | Refusal {
  const progress = progressOf(quest, entry, purse.inventory, bagSlots);
  if (progress < quest.goal) {
    return { ok: false, code: 'not_allowed', message: `Not yet: ${progressLine(quest, progress)}. ${objectiveText(quest)}, then come back.` };
  }
  const changed = new Map<number, InventoryEntry>();
  let inventory: InventoryEntry[] = [...purse.inventory];
  if (quest.objective === 'collect') {
    const removed = removeItem(inventory, quest.targetId, quest.goal, bagSlots);
    inventory = removed.inventory;
    for (const slot of removed.changed) changed.set(slot.slot, slot);
  }
  if (rewardItem && quest.reward.quantity > 0) {
    const added = addItem(inventory, rewardItem, quest.reward.quantity, bagSlots);
    if (added.lost > 0)
      return { ok: false, code: 'bags_full', message: `Your bags have no room for ${quest.reward.quantity} × ${rewardItem.name}: make room first.` };
    inventory = added.inventory;
    for (const slot of added.changed) changed.set(slot.slot, slot);
  }
  return { ok: true, inventory, coins: purse.coins + quest.reward.coins, changed: [...changed.values()] };
}

/** "Kill 1 Wild boar", "Bring 3 Wolf Pelt". */
export function objectiveText(quest: QuestDefinition): string {
  return `${quest.objective === 'kill' ? 'Kill' : 'Bring'} ${quest.goal} ${quest.targetName}`;
}

/** "10 coins, 25 xp, Tusker Boots"; "nothing" for a quest that gives nothing. */
export function rewardText(quest: QuestDefinition): string {
  const { coins, xp, quantity } = quest.reward;
  const parts = [
    ...(coins > 0 ? [`${coins} coin${coins === 1 ? '' : 's'}`] : []),
    ...(xp > 0 ? [`${xp} xp`] : []),
    ...(quest.rewardItemName ? [quantity > 1 ? `${quantity} × ${quest.rewardItemName}` : quest.rewardItemName] : []),
  ];
  if (parts.length === 0) return 'nothing';
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
