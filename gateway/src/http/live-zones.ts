import type { Logger } from '@aether/shared/observability';
import { SingleFlightCache } from './single-flight-cache.js';

/** How long /api/info reuses its zone list: a public path, so a flood of requests costs one registry read per period. */
const LIVE_ZONES_TTL_MS = 2_000;

export interface LiveZonesOptions {
  /** Every zone of the world (the database's zone table). */
  zoneIds: () => Promise<string[]>;
  /** Whether a server simulates the zone now (a live lease in the registry). */
  isRunning: (zoneId: string) => Promise<boolean>;
  logger: Logger;
  ttlMs?: number;
  now?: () => number;
}

/**
 * The zones being simulated now, for `/api/info` in distributed mode:
 * computed at most once per `ttlMs` however many ask. When the registry or
 * the database cannot answer, the last answer stands (or none), so the
 * public facts never turn into a 500.
 */
export function liveZones(options: LiveZonesOptions): () => Promise<string[]> {
  let last: string[] = [];
  const cache = new SingleFlightCache(
    options.ttlMs ?? LIVE_ZONES_TTL_MS,
    async () => {
      const ids = await options.zoneIds();
      const running = await Promise.all(ids.map((zoneId) => options.isRunning(zoneId)));
      return ids.filter((_, index) => running[index]);
    },
    options.now,
  );
  return () =>
    cache.get().then(
      (zones) => (last = zones),
      (error: unknown) => {
        options.logger.warn({ err: error }, 'could not list the running zones for /api/info; answering the last list');
        return last;
      },
    );
}
