/** Behaviour constants shared by every species (docs/gameplay.md, "Wildlife"). */
export interface WildlifeTuning {
  /** Seconds a creature pauses between wanders, drawn uniformly. */
  restSeconds: { min: number; max: number };
  /** Furthest one wander takes it from where it stands, metres. */
  wanderRadius: number;
  /** How far ahead a fleeing creature aims, metres. */
  fleeStep: number;
  /** A skittish creature calms down once every player is this many times its perception away. */
  calmFactor: number;
  /** Seconds a body lies where it fell before it is taken out of the world. */
  corpseSeconds: number;
  /** A chaser stops this fraction of its weapon's reach from its target. */
  reachFactor: number;
}

export const DEFAULT_WILDLIFE_TUNING: WildlifeTuning = {
  restSeconds: { min: 2, max: 8 },
  wanderRadius: 25,
  fleeStep: 12,
  calmFactor: 1.5,
  corpseSeconds: 5,
  reachFactor: 0.8,
};
