import type { CombatSnapshot } from '@aether/shared';
import type { CombatRelog } from './combat-relog.js';
import type { ZoneRuntime } from './zone-runtime.js';

/**
 * With each periodic checkpoint (never per tick), keeps every fighting
 * player's combat state where a relog finds it (`combat:relog:{characterId}`,
 * through CombatRelog), so the server that takes a zone over after this one
 * died gives its players their fight back, at most one checkpoint interval
 * old (docs/gameplay.md, "What survives a crossing and a relog").
 *
 * Players at rest are skipped; one that fought at the last checkpoint and is
 * at rest now has its record dropped, so a stale fight (a death since
 * respawned) cannot come back. One that has left this server is only
 * forgotten: its record is its leave's or its next zone's now.
 */
export class FightCheckpoint {
  /** Characters whose fight this server recorded at the last checkpoint. */
  private recorded = new Set<string>();

  constructor(private readonly relog: Pick<CombatRelog, 'keepAll'>) {}

  /**
   * Records the fights in `runtimes` (the zones still owned after the
   * checkpoint's fenced saves). What is read and what is sent happen in one
   * synchronous step, so a leave that comes after it writes after it.
   */
  record(runtimes: Iterable<ZoneRuntime>): Promise<void> {
    const fights: Array<[string, CombatSnapshot]> = [];
    const idle: string[] = [];
    const recorded = new Set<string>();
    for (const runtime of runtimes) {
      for (const characters of runtime.playersByGateway().values()) {
        for (const characterId of characters) {
          const combat = runtime.combatOf(characterId);
          if (combat && isRunning(combat)) {
            fights.push([characterId, combat]);
            recorded.add(characterId);
          } else if (this.recorded.has(characterId)) {
            idle.push(characterId);
          }
        }
      }
    }
    this.recorded = recorded;
    return this.relog.keepAll(fights, idle);
  }
}

/** Whether anything in the fight would be lost by starting it fresh: the fight itself, a death, a cast, a cooldown or an effect. */
export function isRunning(combat: CombatSnapshot): boolean {
  return (
    combat.inCombat || combat.diedAgo !== undefined || combat.refund !== undefined || combat.effects.length > 0 || Object.keys(combat.cooldowns).length > 0
  );
}
