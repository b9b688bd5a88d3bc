import { z } from 'zod';
import { EntityId } from './common.js';
import { StatusEffectKind } from './server.js';

/** Seconds, relative to when the snapshot was taken: bounded so a bad value cannot park a timer for ever. */
const Seconds = z.number().finite().min(0).max(86_400);

/**
 * A fighter's combat state in a form that leaves its zone: with a border
 * crossing (`player.transfer`) and, on logout, in `combat:relog:{characterId}`
 * (docs/gameplay.md, "What survives a crossing and a relog").
 *
 * Every timer is stored as seconds from the moment of the snapshot (`…In`
 * until it is due, `…Ago` since it happened), never as a zone's simulated
 * time: each zone's clock starts at 0 when its owner starts it, so an absolute
 * time means nothing on another zone or another server.
 */
export const CombatSnapshot = z.object({
  /** The ATB gauge, 0..100. */
  atb: z.number().finite().min(0).max(100),
  inCombat: z.boolean(),
  /** Seconds since the last hostile act; the fight ends `combatTimeout` after it. */
  hostileAgo: Seconds.optional(),
  targetId: EntityId.optional(),
  autoAttacking: z.boolean(),
  /** Seconds until the next auto-attack may swing. */
  swingIn: Seconds,
  /** Seconds until the next regeneration pulse. */
  regenIn: Seconds,
  /** Ability id → seconds until it is ready again (abilities already ready are left out). */
  cooldowns: z.record(z.string().min(1).max(64), Seconds),
  effects: z.array(z.object({ kind: StatusEffectKind, magnitude: z.number().finite().min(0).max(100), remaining: Seconds, sourceId: EntityId })).max(16),
  /** Present while dead: seconds since death (the respawn delay runs on from there). */
  diedAgo: Seconds.optional(),
  /** A cast cut short by the logout: what it held in escrow, given back on return. */
  refund: z.object({ stamina: z.number().int().min(0), mana: z.number().int().min(0) }).optional(),
});
export type CombatSnapshot = z.infer<typeof CombatSnapshot>;

/** The value of `combat:relog:{characterId}`: the snapshot and the wall-clock ms (epoch) it was taken at. */
export const CombatRelogRecord = z.object({ savedAt: z.number().int().nonnegative(), combat: CombatSnapshot });
export type CombatRelogRecord = z.infer<typeof CombatRelogRecord>;
