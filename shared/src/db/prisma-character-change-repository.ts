import { LootWindowSave } from './loot-window.js';
import type { CharacterChangeRepository, QuestChange, CharacterChangeSet, ChangeOutcome, SlotChange } from './character-change-repository.js';
import type { EpochFence } from './character-repository.js';
import { StaleEpochError } from './errors.js';
import type { PrismaClient } from './generated/client.js';
import { isUuid } from './uuid.js';

/** How long a change id is remembered: far longer than any retry lasts. */
const CHANGE_ID_RETENTION = '7 days';

export class PrismaCharacterChangeRepository implements CharacterChangeRepository {
  constructor(private readonly client: PrismaClient) {}

  async applyChange(change: CharacterChangeSet, fence?: EpochFence): Promise<ChangeOutcome> {
    if (!isUuid(change.id)) throw new RangeError(`change id must be a UUID, not "${change.id}"`);
    if (!isUuid(change.characterId)) return 'missing';
    for (const slot of change.slots ?? []) assertSlot(slot);
    if (change.coins !== undefined && !(Number.isInteger(change.coins) && change.coins >= 0)) {
      throw new RangeError(`coins must be a whole number ≥ 0, not ${change.coins}`);
    }
    for (const quest of change.quests ?? []) assertQuest(quest);
    if (change.lootWindow) LootWindowSave.parse(change.lootWindow);
    try {
      return await this.client.$transaction(async (tx) => {
        if (fence) {
          // FOR SHARE, as savePositions: a new owner's raiseOwnerEpoch waits for
          // this transaction, and once it has raised the epoch no older write passes.
          const zones = await tx.$queryRaw<Array<{ owner_epoch: bigint }>>`
            SELECT owner_epoch FROM "zone" WHERE id = ${fence.zoneId} FOR SHARE`;
          const current = zones[0] ? Number(zones[0].owner_epoch) : -1;
          if (current !== fence.epoch) throw new StaleEpochError(fence.zoneId, fence.epoch, current);
        }
        // Locks the character: two writers of one character take turns.
        const found = await tx.$queryRaw<unknown[]>`SELECT 1 FROM "character" WHERE id = ${change.characterId}::uuid FOR UPDATE`;
        if (found.length === 0) return 'missing';
        const epoch = BigInt(fence?.epoch ?? 0);
        const recorded = await tx.$executeRaw`
          INSERT INTO "character_change" (id, character_id, epoch) VALUES (${change.id}::uuid, ${change.characterId}::uuid, ${epoch})
          ON CONFLICT (id) DO NOTHING`;
        if (recorded === 0) return 'duplicate';
        const { progress } = change;
        if (progress) {
          await tx.$executeRaw`
            UPDATE "character" SET level = ${progress.level}, xp = ${progress.xp},
              strength = ${progress.stats.strength}, agility = ${progress.stats.agility},
              intellect = ${progress.stats.intellect}, speed = ${progress.stats.speed},
              max_hp = ${progress.maxHp}, max_stamina = ${progress.maxStamina}, max_mana = ${progress.maxMana},
              updated_at = now()
            WHERE id = ${change.characterId}::uuid`;
        }
        if (change.learned && change.learned.length > 0) {
          // Abilities only the zone's in-memory defaults define have no row to point at: skipped, not an error.
          await tx.$executeRaw`
            INSERT INTO "character_ability" (character_id, ability_id)
            SELECT ${change.characterId}::uuid, a.id FROM "ability" a WHERE a.id = ANY(${[...change.learned]}::text[])
            ON CONFLICT DO NOTHING`;
        }
        if (change.slots && change.slots.length > 0) await writeSlots(tx, change.characterId, change.slots);
        if (change.coins !== undefined) {
          await tx.$executeRaw`UPDATE "character" SET coins = ${change.coins}, updated_at = now() WHERE id = ${change.characterId}::uuid`;
        }
        if (change.quests && change.quests.length > 0) await writeQuests(tx, change.characterId, change.quests);
        if (change.lootWindow !== undefined) {
          const window = change.lootWindow === null ? null : JSON.stringify(change.lootWindow);
          await tx.$executeRaw`UPDATE "character" SET loot_window = ${window}::jsonb WHERE id = ${change.characterId}::uuid`;
        }
        await tx.$executeRaw`
          DELETE FROM "character_change"
          WHERE character_id = ${change.characterId}::uuid AND applied_at < now() - ${CHANGE_ID_RETENTION}::interval`;
        return 'applied';
      });
    } catch (error) {
      if (error instanceof StaleEpochError) throw error;
      throw new Error(`could not apply change ${change.id} to character ${change.characterId}`, { cause: error });
    }
  }
}

type Transaction = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** Last entry wins for a repeated slot; an item the database does not define leaves the slot empty. */
async function writeSlots(tx: Transaction, characterId: string, changes: readonly SlotChange[]): Promise<void> {
  const latest = [...new Map(changes.map((change) => [change.slot, change])).values()];
  const slots = latest.map((change) => change.slot);
  await tx.$executeRaw`DELETE FROM "inventory_item" WHERE character_id = ${characterId}::uuid AND slot = ANY(${slots}::int[])`;
  const filled = latest.filter((change) => change.quantity > 0);
  if (filled.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "inventory_item" (character_id, slot, item_id, quantity)
    SELECT ${characterId}::uuid, v.slot, v.item_id, v.quantity
    FROM unnest(${filled.map((c) => c.slot)}::int[], ${filled.map((c) => c.itemId)}::text[], ${filled.map((c) => c.quantity)}::int[])
      AS v(slot, item_id, quantity)
    JOIN "item" i ON i.id = v.item_id`;
}

/** Last entry wins for a repeated quest; a quest the database does not define is skipped (the zone's defaults may name it). */
async function writeQuests(tx: Transaction, characterId: string, changes: readonly QuestChange[]): Promise<void> {
  const latest = [...new Map(changes.map((change) => [change.questId, change])).values()];
  const dropped = latest.filter((change) => change.status === 'abandoned').map((change) => change.questId);
  if (dropped.length > 0) {
    await tx.$executeRaw`DELETE FROM "character_quest" WHERE character_id = ${characterId}::uuid AND quest_id = ANY(${dropped}::text[])`;
  }
  const kept = latest.filter((change) => change.status !== 'abandoned');
  if (kept.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "character_quest" (character_id, quest_id, status, progress)
    SELECT ${characterId}::uuid, v.quest_id, v.status::quest_status, v.progress
    FROM unnest(${kept.map((c) => c.questId)}::text[], ${kept.map((c) => c.status)}::text[], ${kept.map((c) => c.progress)}::int[])
      AS v(quest_id, status, progress)
    JOIN "quest" q ON q.id = v.quest_id
    ON CONFLICT (character_id, quest_id) DO UPDATE SET status = EXCLUDED.status, progress = EXCLUDED.progress, updated_at = now()`;
}

function assertQuest({ questId, status, progress }: QuestChange): void {
  if (typeof questId !== 'string' || questId.length === 0) throw new RangeError('quest id must be a non-empty string');
  if (!['active', 'done', 'abandoned'].includes(status)) throw new RangeError(`quest status must be active, done or abandoned, not ${status}`);
  if (!Number.isInteger(progress) || progress < 0) throw new RangeError(`quest progress must be a whole number ≥ 0, not ${progress}`);
}

function assertSlot({ slot, quantity }: SlotChange): void {
  if (!Number.isInteger(slot) || slot < 0) throw new RangeError(`slot must be a whole number ≥ 0, not ${slot}`);
  if (!Number.isInteger(quantity) || quantity < 0) throw new RangeError(`quantity must be a whole number ≥ 0, not ${quantity}`);
}
