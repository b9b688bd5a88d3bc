/** A party member as stored: the name comes from the character row. */
export interface PartyMemberRecord {
  characterId: string;
  name: string;
}

/** A party's membership as PostgreSQL keeps it; invitations live only in Redis. */
export interface PartyRecord {
  id: string;
  leaderId: string;
  /** In joining order. */
  members: PartyMemberRecord[];
}

/**
 * Party membership in PostgreSQL (docs/design.md §4): the copy that survives a
 * Redis flush. Redis stays the live state every change goes through; the zone
 * writes here after each membership change and reads back when Redis lost it.
 */
export interface PartyRepository {
  /** Stores the party's leader and members (in joining order), replacing what was stored for it. */
  save(party: { id: string; leaderId: string; memberIds: readonly string[] }): Promise<void>;
  /** Forgets a disbanded party and its members; nothing to forget is fine. */
  remove(partyId: string): Promise<void>;
  /** The party the character belongs to, members in joining order. */
  findByMember(characterId: string): Promise<PartyRecord | null>;
}
