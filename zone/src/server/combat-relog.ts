import { CombatRelogRecord, Keys, type CombatSnapshot, type MessageBus } from '@aether/shared';
import { parseEnv } from '@aether/shared/config';
import type { Logger } from '@aether/shared/observability';
import { z } from 'zod';

const DEFAULT_COMBAT_RELOG_WINDOW_S = 60;

const CombatRelogEnv = z.object({
  COMBAT_RELOG_WINDOW_S: z.coerce.number().int('must be a whole number of seconds').min(0).max(3600).default(DEFAULT_COMBAT_RELOG_WINDOW_S),
});

/** `COMBAT_RELOG_WINDOW_S` (0–3600, default 60; 0: a relog always starts fresh); a bad value throws a ConfigError naming it. */
export function combatRelogWindowS(env: NodeJS.ProcessEnv): number {
  return parseEnv(CombatRelogEnv, env).COMBAT_RELOG_WINDOW_S;
}

export interface CombatRelogOptions {
  bus: Pick<MessageBus, 'set' | 'del' | 'take'>;
  /** Seconds a leaving character's fight is kept; 0 keeps nothing. */
  windowS: number;
  /** Wall-clock ms (epoch). */
  clock: () => number;
  logger: Logger;
}

/**
 * A leaving character's fight, kept in `combat:relog:{characterId}` for the
 * relog window, so logging out clears no cooldown and no debuff
 * (docs/gameplay.md, "What survives a crossing and a relog"). The zone the
 * character re-joins takes it (GETDEL): of two joins racing, one gets it.
 * Timers run on in wall-clock time while the character is away; the key's
 * TTL ends the window, and a record read after it (a clock step) is ignored.
 */
export class CombatRelog {
  constructor(private readonly options: CombatRelogOptions) {}

  /** Keeps the fight for the window. Never throws: without it the next join starts fresh, as before. */
  async keep(characterId: string, combat: CombatSnapshot): Promise<void> {
    const { windowS, bus, clock, logger } = this.options;
    if (windowS <= 0) return;
    const record: CombatRelogRecord = { savedAt: clock(), combat };
    await bus.set(Keys.combatRelog(characterId), JSON.stringify(record), { ttlMs: windowS * 1000 }).catch((error: unknown) => {
      logger.warn({ err: error, characterId }, 'keeping the combat state for a relog failed; the next join starts fresh');
    });
  }

  /**
   * The periodic checkpoint's part (docs/gameplay.md, "What survives a
   * crossing and a relog"): keeps each of `fights` as a leave would, so a
   * zone server killed outright loses at most one checkpoint interval of them,
   * and drops the records of `idle` characters (fought here, now at rest), so
   * an old fight, a death since respawned, never comes back after a crash.
   * Every command is issued before any reply is awaited: the bus's one Redis
   * connection pipelines them, one round trip for the lot. Never throws.
   */
  async keepAll(fights: ReadonlyArray<readonly [characterId: string, combat: CombatSnapshot]>, idle: readonly string[]): Promise<void> {
    const { windowS, bus, clock, logger } = this.options;
    if (windowS <= 0 || (fights.length === 0 && idle.length === 0)) return;
    const savedAt = clock();
    const ttlMs = windowS * 1000;
    const writes = [
      ...fights.map(([characterId, combat]) =>
        bus.set(Keys.combatRelog(characterId), JSON.stringify({ savedAt, combat } satisfies CombatRelogRecord), { ttlMs }),
      ),
      ...idle.map((characterId) => bus.del(Keys.combatRelog(characterId))),
    ];
    const failed = (await Promise.allSettled(writes)).filter((result) => result.status === 'rejected');
    if (failed.length > 0) {
      const first = failed[0] as PromiseRejectedResult;
      logger.warn({ err: first.reason, failed: failed.length, of: writes.length }, 'checkpointing fights failed; a crash now restarts them fresh');
    }
  }

  /** The fight kept at the last leave, if it is still within the window, and how long ago (seconds); never throws. */
  async take(characterId: string): Promise<{ snapshot: CombatSnapshot; elapsed: number } | undefined> {
    const { windowS, bus, clock, logger } = this.options;
    const key = Keys.combatRelog(characterId);
    let text: string | null;
    try {
      text = await bus.take(key);
    } catch (error) {
      logger.warn({ err: error, characterId }, 'reading the combat state kept for a relog failed; starting fresh');
      return undefined;
    }
    if (text === null) return undefined;
    const parsed = CombatRelogRecord.safeParse(parseJson(text));
    if (!parsed.success) {
      logger.warn({ key, error: parsed.error.message }, 'ignoring a malformed value on the bus');
      return undefined;
    }
    // Another server's clock may run a little ahead: never a negative time away.
    const elapsed = Math.max(0, (clock() - parsed.data.savedAt) / 1000);
    if (elapsed > windowS) return undefined;
    return { snapshot: parsed.data.combat, elapsed };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
