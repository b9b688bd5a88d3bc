import type { QuestEntry } from '@aether/shared';
import { countItem } from '../combat/items/inventory.js';
import { npcEntityId } from '../npc/npc-state.js';
import type { Entity, Outgoing, World } from '../world/types.js';
import type { QuestCatalog, QuestDefinition } from './quest-catalog.js';
import { EMPTY_QUEST_LOG, type QuestLog } from './quest-log.js';
import { acceptRefusal, objectiveText, progressOf, rewardText } from './quest-rules.js';

/** How near a quest giver a player must stand to be offered its quests, take them and turn them in, metres (docs/gameplay.md, "Quests"). */
export const QUEST_RANGE = 10;

/** The giver's NPC if it stands in this zone within QUEST_RANGE of the player. */
export function giverNear(world: World, actor: Entity, giverId: string): Entity | undefined {
  const giver = world.entities.get(npcEntityId(giverId));
  return giver && Math.hypot(giver.x - actor.x, giver.y - actor.y) <= QUEST_RANGE ? giver : undefined;
}

/** The quests NPCs near the player offer that the player could take now. */
export function offersNear(catalog: QuestCatalog, world: World, actor: Entity): QuestDefinition[] {
  const log = actor.player?.quests ?? EMPTY_QUEST_LOG;
  const level = actor.player?.level ?? 1;
  const offers: QuestDefinition[] = [];
  for (const giverId of catalog.givers()) {
    if (!giverNear(world, actor, giverId)) continue;
    for (const quest of catalog.offeredBy(giverId)) if (!acceptRefusal(quest, log, level)) offers.push(quest);
  }
  return offers;
}

/** `state_update.quests`: the whole log (quests the zone no longer has are left out), then what is offered near the player. */
function questEntries(catalog: QuestCatalog, world: World, actor: Entity, bagSlots: number): QuestEntry[] {
  const log = actor.player?.quests ?? EMPTY_QUEST_LOG;
  const inventory = actor.combat?.inventory ?? [];
  const entries: QuestEntry[] = [];
  for (const entry of log.entries) {
    const quest = catalog.get(entry.questId);
    if (!quest) continue;
    const progress = entry.status === 'done' ? quest.goal : progressOf(quest, entry, inventory, bagSlots);
    const status = entry.status === 'done' ? 'done' : progress >= quest.goal ? 'ready' : 'active';
    entries.push(entryFor(quest, status, progress));
  }
  for (const quest of offersNear(catalog, world, actor)) entries.push(entryFor(quest, 'offered', 0));
  return entries;
}

function entryFor(quest: QuestDefinition, status: QuestEntry['status'], progress: number): QuestEntry {
  return {
    id: quest.id,
    name: quest.name,
    giver: quest.giverName,
    description: quest.description,
    status,
    objective: objectiveText(quest),
    progress,
    goal: quest.goal,
    reward: rewardText(quest),
  };
}

/** The quest givers standing in this zone (most zones have none or one). */
export function giversIn(catalog: QuestCatalog, world: World): Entity[] {
  const givers: Entity[] = [];
  for (const giverId of catalog.givers()) {
    const giver = world.entities.get(npcEntityId(giverId));
    if (giver) givers.push(giver);
  }
  return givers;
}

/**
 * Everything besides the log's entries that the player's quest list depends
 * on: level (what may be offered), the givers within reach, and the bags'
 * count of each active collect quest's item. Builds no string for a player
 * with none of these, which is most players most of the time.
 */
export function viewKey(catalog: QuestCatalog, givers: readonly Entity[], actor: Entity, bagSlots: number): string {
  let key = '';
  for (const giver of givers) if (Math.hypot(giver.x - actor.x, giver.y - actor.y) <= QUEST_RANGE) key += `g:${giver.id};`;
  const inventory = actor.combat?.inventory;
  for (const entry of actor.player?.quests?.entries ?? []) {
    if (entry.status !== 'active' || !inventory) continue;
    const quest = catalog.get(entry.questId);
    if (quest?.objective === 'collect') key += `c:${quest.id}=${Math.min(quest.goal, countItem(inventory, quest.targetId, bagSlots))};`;
  }
  return key === '' ? '' : `${actor.player?.level ?? 1}|${key}`;
}

/** True when the player's client has not been shown the list as it stands. */
export function viewStale(log: QuestLog | undefined, key: string): boolean {
  return !log?.shown || log.shown.entries !== log.entries || log.shown.key !== key;
}

/**
 * The player with their list marked shown, and the `state_update` that shows
 * it: for a command or system that just changed the log (or found it stale).
 */
export function showQuests(catalog: QuestCatalog, world: World, actor: Entity, bagSlots: number): { entity: Entity; update: Outgoing } {
  const log = actor.player?.quests ?? EMPTY_QUEST_LOG;
  const key = viewKey(catalog, giversIn(catalog, world), actor, bagSlots);
  const entity = { ...actor, player: { ...actor.player!, quests: { ...log, shown: { entries: log.entries, key } } } };
  return { entity, update: { to: actor.id, event: 'state_update', data: { quests: questEntries(catalog, world, actor, bagSlots) } } };
}
