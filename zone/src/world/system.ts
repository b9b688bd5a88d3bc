import type { Effect } from './effects.js';
import type { Outgoing, World } from './types.js';

/**
 * What a tick may use besides the world and its inputs. The kernel's part is
 * the clock and the dice; the orchestrator (zone/src/simulation/step.ts) adds
 * the rules, the command registry and the systems by declaration merging.
 * Everything outside world/ that varies from run to run comes in here, so the
 * same world, inputs and context always give the same tick.
 */
export interface StepContext {
  /** Uniform in [0, 1); seeded in tests so outcomes repeat. */
  random: () => number;
  /**
   * Wall-clock milliseconds (epoch): event timestamps (`gameEvent`) and what
   * is measured against stored or real time (mutes, the chat rate). The host
   * passes its clock; tests a fixed or stepped one.
   */
  now: () => number;
}

export interface SystemResult {
  world: World;
  outgoing: Outgoing[];
  effects?: Effect[];
}

/**
 * A game system (combat, wildlife, NPCs, …) runs once per tick, after the
 * tick's inputs and before movement and rosters. It must be pure: time comes
 * from `world.time` (simulated) or `context.now()` (wall clock), randomness
 * from `context.random`.
 */
export interface System {
  readonly name: string;
  update(world: World, dt: number, context: StepContext): SystemResult;
}
