import type { PrismaClient, Quest } from './generated/client.js';
import type { CharacterQuestRecord, QuestRecord } from './quest-records.js';
import type { QuestRepository } from './quest-repository.js';
import { isUuid } from './uuid.js';

export class PrismaQuestRepository implements QuestRepository {
  constructor(private readonly client: PrismaClient) {}

  async listQuests(): Promise<QuestRecord[]> {
    try {
      const rows = await this.client.quest.findMany({ orderBy: { id: 'asc' } });
      return rows.map(toQuestRecord);
    } catch (error) {
      throw new Error('could not list quests', { cause: error });
    }
  }

  async listCharacterQuests(characterId: string): Promise<CharacterQuestRecord[]> {
    if (!isUuid(characterId)) return [];
    try {
      return await this.client.characterQuest.findMany({
        where: { characterId },
        orderBy: { questId: 'asc' },
        select: { questId: true, status: true, progress: true },
      });
    } catch (error) {
      throw new Error(`could not list the quests of character ${characterId}`, { cause: error });
    }
  }
}

function toQuestRecord(row: Quest): QuestRecord {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    giverId: row.giverId,
    minLevel: row.minLevel,
    objective: row.objective,
    targetId: row.targetId,
    goal: row.goal,
    reward: { coins: row.rewardCoins, xp: row.rewardXp, itemId: row.rewardItemId, quantity: row.rewardQuantity },
    repeatable: row.repeatable,
  };
}
