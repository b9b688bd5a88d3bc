import type { BusPayload } from '@aether/shared';
import type { Input, World } from '../../world/types.js';

/**
 * Fights across a zone border (docs/gameplay.md, "Borders"). The zone that
 * owns the target resolves every blow at it: the attacker's zone decides the
 * blow is due, in reach and paid for, and sends a strike; the target's zone
 * rolls it against the target's real stats, applies it through the same
 * damage, aggro and death code as a local hit, and answers with the lines the
 * attacker sees and, for a kill, the attacker's experience and loot.
 */
export type RemoteStrike = BusPayload<'zone.strike'>;
export type StrikeResult = BusPayload<'zone.strike_result'>;
export type RemoteCombatInput = Extract<Input, { kind: 'strike' | 'strike_result' }>;

/** Asks the bus to carry a strike to the zone that owns its target. */
interface StrikeEffect {
  kind: 'combat.strike';
  toZoneId: string;
  strike: RemoteStrike;
}

/** Asks the bus to carry what strikes came to back to the attacker's zone. */
export interface StrikeResultEffect {
  kind: 'combat.strike_result';
  toZoneId: string;
  result: StrikeResult;
}

/** Metres a blow across a border may exceed its reach by: each side sees the other as of its last border report. */
export const REMOTE_REACH_SLACK = 3;

/** Keeps a strike or a result for the next combat update (the orchestrator calls this for those inputs). */
export function queueRemoteCombat(world: World, input: RemoteCombatInput): World {
  return { ...world, remoteCombat: [...(world.remoteCombat ?? []), input] };
}

// Registers the strikes waiting for combat on the world (zone/src/world/types.ts, WorldComponents).
declare module '../../world/types.js' {
  interface WorldComponents {
    /** Strikes from across a border and results of ours, arrived this tick; the combat update takes them. */
    readonly remoteCombat?: readonly RemoteCombatInput[];
  }
}

// Registers this feature's effects with the kernel's Effect union (zone/src/world/effects.ts).
declare module '../../world/effects.js' {
  interface EffectMap {
    'combat.strike': StrikeEffect;
    'combat.strike_result': StrikeResultEffect;
  }
}
