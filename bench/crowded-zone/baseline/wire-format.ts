/**
 * The baseline server's events: what an obvious implementation sends. The
 * baseline (baseline/) and the bots' adapter for it (bot/baseline-json-view.ts)
 * both use these names and shapes.
 */

/** After `character_select`: who the player is and where it stands. */
export const ENTER_EVENT = 'enter';
export interface EnterPayload {
  id: string;
  x: number;
  y: number;
  heading: number;
}

/** Every tick, to every player: everything within perception range, the player itself included. */
export const POSITIONS_EVENT = 'positions';
export interface PositionEntry {
  id: string;
  x: number;
  y: number;
  heading: number;
  moving: boolean;
}
export type PositionsPayload = PositionEntry[];
