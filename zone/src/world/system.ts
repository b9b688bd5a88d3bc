import type { Effect } from './effects.js';
import type { Outgoing, World } from './types.js';
import type { StepContext } from './step.js';

export interface SystemResult {
  world: World;
  outgoing: Outgoing[];
  effects?: Effect[];
}

/**
 * A game system (combat, wildlife, NPCs, …) runs once per tick, after the
 * tick's inputs and before movement and rosters. It must be pure: time comes
 * from `world.time`, randomness from `context.random`.
 */
export interface System {
  readonly name: string;
  update(world: World, dt: number, context: StepContext): SystemResult;
}
