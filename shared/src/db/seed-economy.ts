import type { Database } from './database.js';
import type { NpcRecord } from './npc-records.js';
import type { QuestRecord } from './quest-records.js';
import { SEED_NPCS, SEED_SPECIES } from './seed-inhabitants.js';
import type { SpeciesRecord } from './wildlife-records.js';

/**
 * The seed quests (docs/gameplay.md, "Quests"): the guard's wolf-pelt bounty
 * the city's NPCs talk about, and Old Tobin's boar bounty for a first hour at
 * the crossroads.
 */
export const SEED_QUESTS: readonly QuestRecord[] = [
  {
    id: 'boar-bounty',
    name: 'Boar Bounty',
    description: "A wild boar keeps raiding Old Tobin's garden at the crossroads. Kill one and tell him.",
    giverId: 'crossroads-hermit',
    minLevel: 1,
    objective: 'kill',
    targetId: 'boar',
    goal: 1,
    reward: { coins: 10, xp: 25, itemId: 'tusker-boots', quantity: 1 },
    repeatable: false,
  },
  {
    id: 'wolf-pelt-bounty',
    name: 'Wolf Pelt Bounty',
    description: 'The guard captain pays for wolf pelts from the Whispering Forest. Bring three to Guard Aldric at the city gate.',
    giverId: 'city-guard',
    minLevel: 1,
    objective: 'collect',
    targetId: 'wolf-pelt',
    goal: 3,
    reward: { coins: 30, xp: 60, itemId: 'wolfhide-jerkin', quantity: 1 },
    repeatable: false,
  },
];

export interface EconomySeedResult {
  lootEntries: number;
  vendorItems: number;
  quests: number;
}

/**
 * Makes the database hold the species' loot tables, the vendors' wares and
 * the quests; safe on every start, after the items, species and NPCs are
 * seeded (these rows name them). Rows are upserted; rows the seed does not
 * know (a designer's additions) are left alone.
 */
export async function seedEconomy(
  db: Pick<Database, 'client'>,
  content: { species?: readonly SpeciesRecord[]; npcs?: readonly NpcRecord[]; quests?: readonly QuestRecord[] } = {},
): Promise<EconomySeedResult> {
  const loot = (content.species ?? SEED_SPECIES).flatMap((species) => species.loot.map((entry) => ({ speciesId: species.id, ...entry })));
  const wares = (content.npcs ?? SEED_NPCS).flatMap((npc) => npc.wares.map((entry) => ({ npcId: npc.id, ...entry })));
  const quests = content.quests ?? SEED_QUESTS;
  const { client } = db;
  try {
    await client.$transaction([
      ...loot.map(({ speciesId, itemId, ...fields }) =>
        client.lootEntry.upsert({ where: { speciesId_itemId: { speciesId, itemId } }, create: { speciesId, itemId, ...fields }, update: fields }),
      ),
      ...wares.map(({ npcId, itemId, price }) =>
        client.vendorItem.upsert({ where: { npcId_itemId: { npcId, itemId } }, create: { npcId, itemId, price }, update: { price } }),
      ),
      ...quests.map(({ id, reward, ...rest }) => {
        const fields = { ...rest, rewardCoins: reward.coins, rewardXp: reward.xp, rewardItemId: reward.itemId, rewardQuantity: reward.quantity };
        return client.quest.upsert({ where: { id }, create: { id, ...fields }, update: fields });
      }),
    ]);
  } catch (error) {
    throw new Error('could not seed loot tables, wares and quests', { cause: error });
  }
  return { lootEntries: loot.length, vendorItems: wares.length, quests: quests.length };
}
