import type { CombatSnapshot, Resources } from '@aether/shared';
import { ATB_MAX } from './atb.js';
import { initialCombatState, type CombatState, type StatusEffect } from './combatant.js';
import { isDue } from './timing.js';

export type { CombatSnapshot } from '@aether/shared';

/** Where a restored target stands: in the zone itself, seen across a border (a ghost), or nowhere the fighter can see. */
export type TargetPresence = 'here' | 'ghost' | undefined;

export interface RestoreContext {
  /** The world time the fighter enters at. */
  now: number;
  /** Seconds that passed since the snapshot (a relog's time away; 0 for a crossing): timers run on through it. */
  elapsed: number;
  target: (entityId: string) => TargetPresence;
}

const ahead = (at: number, now: number) => Math.max(0, at - now);

/**
 * The combat state as it leaves a zone (a crossing, a logout), at world time
 * `now`. Timers become seconds from now, since the next zone's clock (or the
 * next server's) has nothing to do with this one's. What only this zone can
 * make sense of stays behind: who damaged the fighter (their XP share is this
 * zone's business), what its client was last told. A cast in progress does
 * not travel: it ends as if interrupted, its escrow given back (the gauge
 * here, the pools on return).
 */
export function snapshotCombat(state: CombatState, now: number): CombatSnapshot {
  const cooldowns: Record<string, number> = {};
  for (const [abilityId, readyAt] of Object.entries(state.cooldowns)) if (!isDue(now, readyAt)) cooldowns[abilityId] = readyAt - now;
  const escrow = state.casting?.escrow;
  return {
    atb: Math.min(ATB_MAX, state.atb + (escrow?.atb ?? 0)),
    inCombat: state.inCombat,
    ...(state.inCombat && Number.isFinite(state.lastHostileAt) ? { hostileAgo: ahead(now, state.lastHostileAt) } : {}),
    ...(state.targetId !== undefined ? { targetId: state.targetId } : {}),
    autoAttacking: state.autoAttacking,
    swingIn: ahead(state.nextSwingAt, now),
    regenIn: ahead(state.nextRegenAt, now),
    cooldowns,
    effects: state.effects
      .filter((effect) => !isDue(now, effect.expiresAt))
      .map(({ kind, magnitude, expiresAt, sourceId }) => ({ kind, magnitude, remaining: expiresAt - now, sourceId })),
    ...(state.dead ? { diedAgo: ahead(now, state.diedAt ?? now) } : {}),
    ...(escrow && (escrow.stamina > 0 || escrow.mana > 0) ? { refund: { stamina: escrow.stamina, mana: escrow.mana } } : {}),
  };
}

/**
 * The combat state a snapshot comes back as, at world time `context.now`,
 * `context.elapsed` seconds after it was taken: cooldowns and effects that ran
 * out meanwhile are gone, the rest keep their remaining time. The target is
 * kept when the fighter can still see it (here, or as a ghost across the
 * border), and so is the auto-attack: a ghost's own zone resolves the blows
 * (zone/src/combat/remote/). Anything else: no target.
 */
export function restoreCombat(snapshot: CombatSnapshot, context: RestoreContext): CombatState {
  const { now, elapsed } = context;
  const fresh = initialCombatState();
  const later = (seconds: number) => now + Math.max(0, seconds - elapsed);
  if (snapshot.diedAgo !== undefined) return { ...fresh, dead: true, diedAt: now - snapshot.diedAgo - elapsed };

  const cooldowns: Record<string, number> = {};
  for (const [abilityId, remaining] of Object.entries(snapshot.cooldowns)) if (!isDue(elapsed, remaining)) cooldowns[abilityId] = now + remaining - elapsed;
  const effects: StatusEffect[] = snapshot.effects
    .filter((effect) => !isDue(elapsed, effect.remaining))
    .map(({ kind, magnitude, remaining, sourceId }) => ({ kind, magnitude, expiresAt: now + remaining - elapsed, sourceId }));
  const presence = snapshot.targetId === undefined ? undefined : context.target(snapshot.targetId);
  return {
    ...fresh,
    atb: snapshot.atb,
    inCombat: snapshot.inCombat,
    // A fight whose quiet time ran out meanwhile ends on the first tick, as it would have.
    lastHostileAt: snapshot.hostileAgo === undefined ? fresh.lastHostileAt : now - snapshot.hostileAgo - elapsed,
    ...(presence ? { targetId: snapshot.targetId } : {}),
    autoAttacking: presence !== undefined && snapshot.autoAttacking,
    nextSwingAt: later(snapshot.swingIn),
    nextRegenAt: later(snapshot.regenIn),
    cooldowns,
    effects,
  };
}

/** The pools with a cut-short cast's escrow given back (never past full). */
export function withRefund(resources: Resources, snapshot: CombatSnapshot): Resources {
  const { refund } = snapshot;
  if (!refund) return resources;
  return {
    ...resources,
    stamina: Math.min(resources.maxStamina, resources.stamina + refund.stamina),
    mana: Math.min(resources.maxMana, resources.mana + refund.mana),
  };
}
