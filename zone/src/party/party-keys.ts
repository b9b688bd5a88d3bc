/**
 * Where party state lives on the MessageBus key space (Redis in distributed
 * mode), so members on any zone server see one party.
 */
export const PartyKeys = {
  /** JSON `Party`. */
  party: (partyId: string) => `party:${partyId}`,
  /** The party id a character belongs to; written with SET NX, which is what stops a character joining two parties. */
  member: (characterId: string) => `party:member:${characterId}`,
  /** The party id that invited a character; SET NX with the invitation's lifetime as TTL, so one at a time. */
  invite: (characterId: string) => `party:invite:${characterId}`,
  /** Held (SET NX PX) while one writer changes the party. */
  lock: (partyId: string) => `party:lock:${partyId}`,
  /** JSON `AllyVitals` of an online character, TTL-refreshed by the zone host that simulates them. */
  vitals: (characterId: string) => `player:vitals:${characterId}`,
} as const;
