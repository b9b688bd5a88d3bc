import type { PrismaClient } from './generated/client.js';
import type { PartyRecord, PartyRepository } from './party-repository.js';
import { isUuid } from './uuid.js';

export class PrismaPartyRepository implements PartyRepository {
  constructor(private readonly client: PrismaClient) {}

  async save(party: { id: string; leaderId: string; memberIds: readonly string[] }): Promise<void> {
    try {
      await this.client.$transaction(async (tx) => {
        await tx.party.upsert({ where: { id: party.id }, create: { id: party.id, leaderId: party.leaderId }, update: { leaderId: party.leaderId } });
        await tx.partyMember.deleteMany({ where: { partyId: party.id, characterId: { notIn: [...party.memberIds] } } });
        const movedFrom = await tx.partyMember.findMany({
          where: { characterId: { in: [...party.memberIds] }, partyId: { not: party.id } },
          select: { partyId: true },
        });
        // Keyed by character: one who is still listed in a party Redis has since let them leave moves here.
        for (const [position, characterId] of party.memberIds.entries()) {
          await tx.partyMember.upsert({
            where: { characterId },
            create: { characterId, partyId: party.id, position },
            update: { partyId: party.id, position },
          });
        }
        // A party left without members (its last one moved here) is no party.
        if (movedFrom.length > 0) await tx.party.deleteMany({ where: { id: { in: movedFrom.map((m) => m.partyId) }, members: { none: {} } } });
      });
    } catch (error) {
      throw new Error(`could not save party "${party.id}"`, { cause: error });
    }
  }

  async remove(partyId: string): Promise<void> {
    if (!isUuid(partyId)) return;
    try {
      await this.client.party.deleteMany({ where: { id: partyId } });
    } catch (error) {
      throw new Error(`could not remove party "${partyId}"`, { cause: error });
    }
  }

  async findByMember(characterId: string): Promise<PartyRecord | null> {
    if (!isUuid(characterId)) return null;
    try {
      const row = await this.client.partyMember.findUnique({
        where: { characterId },
        select: {
          party: {
            select: {
              id: true,
              leaderId: true,
              members: { orderBy: { position: 'asc' }, select: { characterId: true, character: { select: { name: true } } } },
            },
          },
        },
      });
      if (!row) return null;
      const { party } = row;
      return { id: party.id, leaderId: party.leaderId, members: party.members.map((m) => ({ characterId: m.characterId, name: m.character.name })) };
    } catch (error) {
      throw new Error(`could not read the party of character "${characterId}"`, { cause: error });
    }
  }
}
