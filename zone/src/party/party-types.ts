import { z } from 'zod';

/**
 * A party as stored on the bus (`party:{partyId}`). Parsed on every read: the
 * value crossed a process boundary and may have been written by another version.
 */
export const PartyMember = z.object({ characterId: z.string().min(1), name: z.string().min(1) });
export type PartyMember = z.infer<typeof PartyMember>;

export const PartyInvite = PartyMember.extend({
  /** Character id of whoever sent it. */
  invitedBy: z.string().min(1),
  /** Wall-clock milliseconds; a party spans processes, so there is no shared simulated time to use. */
  expiresAt: z.number(),
});
export type PartyInvite = z.infer<typeof PartyInvite>;

export const Party = z.object({
  id: z.string().min(1),
  leaderId: z.string().min(1),
  /** In joining order: when the leader leaves, the longest-standing member leads. */
  members: z.array(PartyMember).min(1),
  invites: z.array(PartyInvite),
});
export type Party = z.infer<typeof Party>;

export interface PartyLimits {
  maxSize: number;
  inviteMs: number;
}
