import type { Fighter } from './combatant.js';

/**
 * A death, as the world holds it until the end of the tick it happened in
 * (zone/src/simulation/step.ts drops it): systems after combat read it
 * without combat knowing them (quests count kills). `victim` is the fighter
 * as it died, who had hurt it (`combat.state.damagedBy`) included.
 */
export interface Kill {
  readonly victim: Fighter;
  readonly killerId?: string;
}

// Registers this tick's deaths on the world (zone/src/world/types.ts, WorldComponents).
declare module '../world/types.js' {
  interface WorldComponents {
    readonly kills?: readonly Kill[];
  }
}
