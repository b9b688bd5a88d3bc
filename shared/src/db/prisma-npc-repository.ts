import type { PrismaClient } from './generated/client.js';
import type { Npc, NpcDialogueRule, VendorItem } from './generated/client.js';
import type { NpcRepository } from './npc-repository.js';
import type { NpcRecord } from './npc-records.js';

export class PrismaNpcRepository implements NpcRepository {
  constructor(private readonly client: PrismaClient) {}

  async listNpcs(zoneId?: string): Promise<NpcRecord[]> {
    try {
      const rows = await this.client.npc.findMany({
        ...(zoneId === undefined ? {} : { where: { zoneId } }),
        // Ties in priority fall back to the pattern, so the winner never depends on row order.
        include: { dialogueRules: { orderBy: [{ priority: 'desc' }, { pattern: 'asc' }] }, wares: { orderBy: { itemId: 'asc' } } },
        orderBy: [{ zoneId: 'asc' }, { id: 'asc' }],
      });
      return rows.map(toRecord);
    } catch (error) {
      throw new Error(`could not list NPCs${zoneId ? ` of ${zoneId}` : ''}`, { cause: error });
    }
  }
}

function toRecord(row: Npc & { dialogueRules: NpcDialogueRule[]; wares: VendorItem[] }): NpcRecord {
  return {
    id: row.id,
    zoneId: row.zoneId,
    name: row.name,
    x: row.x,
    y: row.y,
    heading: row.heading,
    greeting: row.greeting,
    fallback: row.fallback,
    persona: row.persona,
    dialogue: row.dialogueRules.map((rule) => ({ match: rule.match, pattern: rule.pattern, reply: rule.reply, priority: rule.priority })),
    wares: row.wares.map(({ itemId, price }) => ({ itemId, price })),
  };
}
