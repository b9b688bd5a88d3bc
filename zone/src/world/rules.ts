/** Tunable game rules; defaults documented in docs/gameplay.md. */
export interface Rules {
  /** How far a player sees other entities, metres. */
  perceptionRange: number;
  /** `/say` and `/emote` reach, metres. */
  sayRange: number;
  /** Walking speed limit for players, metres per second. */
  playerSpeed: number;
}

export const DEFAULT_RULES: Rules = {
  perceptionRange: 100,
  sayRange: 20,
  playerSpeed: 5,
};
