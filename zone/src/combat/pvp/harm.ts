import type { Entity, ZoneDef } from '../../world/types.js';
import { dueling, policyOf } from './duel-state.js';
import { mayHarm } from './pvp-rules.js';

/**
 * Why `attacker` may not harm `victim` in `zone`, or undefined when it may.
 * Only player against player is judged: creatures, NPCs and anything a
 * player fights that is not a player follow the ordinary combat rules.
 */
export function harmRefusal(zone: ZoneDef, attacker: Entity, victim: Entity): string | undefined {
  if (!attacker.player || !victim.player || attacker.id === victim.id) return undefined;
  const partyId = attacker.player.partyId;
  const answer = mayHarm({
    policy: policyOf(zone),
    zoneName: zone.name,
    victimName: victim.name,
    dueling: dueling(attacker, victim),
    sameParty: partyId !== undefined && partyId === victim.player.partyId,
    victimFromSpawn: Math.hypot(victim.x - zone.spawn.x, victim.y - zone.spawn.y),
  });
  return answer.ok ? undefined : answer.message;
}
