import { Resources, type AllyState } from '@aether/shared';
import { z } from 'zod';
import type { Party } from './party-types.js';

/** One online character's gauges, as sampled by the zone that simulates them and kept under `player:vitals:{id}`. */
export const AllyVitals = Resources.extend({
  characterId: z.string(),
  name: z.string(),
  zoneId: z.string(),
  /** ATB gauge 0..100, when the character fights. */
  atb: z.number().min(0).max(100).optional(),
});
export type AllyVitals = z.infer<typeof AllyVitals>;

/** What `viewerId` sees of the rest of the party, in joining order; members without vitals are offline. */
export function alliesFor(party: Party, viewerId: string, vitals: ReadonlyMap<string, AllyVitals>): AllyState[] {
  return party.members
    .filter((member) => member.characterId !== viewerId)
    .map((member) => {
      const live = vitals.get(member.characterId);
      const base = { characterId: member.characterId, name: member.name, leader: member.characterId === party.leaderId };
      if (!live) return { ...base, online: false };
      const { characterId: _id, name: _name, ...gauges } = live;
      return { ...base, online: true, ...gauges };
    });
}
