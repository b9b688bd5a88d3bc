import type { Entity, ZoneDef } from '../../world/types.js';
import type { PvpPolicy } from './pvp-rules.js';

/**
 * A player's duel, kept on both players. `with` is the other's entity id,
 * `name` their name; `until` is world time (simulated seconds) when the
 * challenge lapses or the duel is a draw.
 */
export interface DuelState {
  readonly kind: 'challenging' | 'challenged' | 'dueling';
  readonly with: string;
  readonly name: string;
  readonly until: number;
  /** Where a duel began (between the two): whoever is farther from it when they part walked off. */
  readonly at?: { readonly x: number; readonly y: number };
}

// Registers the player-versus-player slots on a player's profile (zone/src/world/types.ts).
declare module '../../world/types.js' {
  interface PlayerComponents {
    /** A challenge made or received, or a duel under way. */
    duel?: DuelState;
    /** The party the player is in, as the zone host last heard (zone/src/party); same party: no harm outside a duel. */
    partyId?: string;
    /** `state_update.pvp` as last sent, so it goes out on entering and on change only. */
    pvpShown?: { readonly policy: PvpPolicy; readonly duelWith?: string };
  }
}

/** The zone's rule; zones defined without one (tests, old rows) are safe. */
export function policyOf(zone: ZoneDef): PvpPolicy {
  return zone.pvp ?? 'safe';
}

/** Are `a` and `b` in a duel with each other (both sides agree)? */
export function dueling(a: Entity, b: Entity): boolean {
  const mine = a.player?.duel;
  const theirs = b.player?.duel;
  return mine?.kind === 'dueling' && mine.with === b.id && theirs?.kind === 'dueling' && theirs.with === a.id;
}
