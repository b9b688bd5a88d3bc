import { deriveSeed, seededRandom } from './random.js';
import { WORKLOAD } from './workload.js';

/** One bot of a run: its login, its character, where it starts. */
export interface PlannedBot {
  index: number;
  /** Dev login name (token `dev:<name>`), which is also the account's username. */
  name: string;
  character: string;
  x: number;
  y: number;
}

export interface PlacementOptions {
  seed: number;
  /** Side of the square, centred in the zone, the bots start in; default the whole zone. */
  area?: number;
}

/** N bots at seeded random positions: the same seed and N place the same bots in the same spots. */
export function planBots(players: number, options: PlacementOptions): PlannedBot[] {
  const area = options.area ?? WORKLOAD.size;
  if (!(area > 0 && area <= WORKLOAD.size)) throw new Error(`the placement area must be in (0, ${WORKLOAD.size}] metres, not ${area}`);
  const random = seededRandom(deriveSeed(options.seed, -1));
  const offset = (WORKLOAD.size - area) / 2;
  const at = () => Math.round((offset + random() * area) * 100) / 100;
  return Array.from({ length: players }, (_, index) => ({ index, name: `bot${index}`, character: `Bot${index}`, x: at(), y: at() }));
}
