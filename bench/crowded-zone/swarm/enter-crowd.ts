import { setTimeout as sleep } from 'node:timers/promises';
import type { PlannedBot } from '../placement.js';
import { WORKLOAD } from '../workload.js';
import type { SwarmProcess } from './swarm-process.js';

/** A saturated server takes long over each login step; a bot gives up on one after this. */
const DEFAULT_STEP_TIMEOUT_MS = 120_000;

/** After the window, how long moves sent in it may still take to be seen. */
export const DRAIN_MS = 3000;

export interface CrowdOptions {
  decodeEvery: number;
  rampPerSecond: number;
  seed: number;
  /** Per bot: connecting, each request, entering the world (default 120 s). */
  stepTimeoutMs?: number;
  /** Every n-th turn a bot also says a line (WalkConfig.chatEvery); absent: the bots only walk. */
  chatEvery?: number;
}

export interface CrowdServers {
  url: string;
  /** Several servers: bot k of the plan connects to urls[k % urls.length]. */
  urls?: string[];
  /** Extra handshake fields a bot needs. */
  auth: (bot: PlannedBot) => Record<string, unknown>;
}

/**
 * Brings the planned bots into the world through the swarm, with the
 * workload's walk, logging progress; resolves with how long it took.
 */
export async function enterCrowd(
  swarm: SwarmProcess,
  plan: readonly PlannedBot[],
  servers: CrowdServers,
  options: CrowdOptions,
  log: (line: string) => void,
): Promise<{ players: number; seconds: number }> {
  swarm.onProgress = ({ entered, failed, players }) => log(`${entered} of ${players} bots in the world${failed ? `, ${failed} failed` : ''}`);
  const stepTimeoutMs = options.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
  const ready = await swarm.start(
    {
      type: 'start',
      url: servers.url,
      ...(servers.urls ? { urls: servers.urls } : {}),
      bots: plan.map((bot) => ({ name: bot.name, character: bot.character, x: bot.x, y: bot.y, auth: servers.auth(bot) })),
      decodeEvery: options.decodeEvery,
      rampPerSecond: options.rampPerSecond,
      seed: options.seed,
      walk: {
        speed: WORKLOAD.walkSpeed,
        turnIntervalMs: WORKLOAD.turnIntervalMs,
        turnJitterMs: WORKLOAD.turnJitterMs,
        edgeMargin: WORKLOAD.edgeMargin,
        size: WORKLOAD.size,
        headingToleranceDeg: WORKLOAD.headingToleranceDeg,
        ...(options.chatEvery ? { chatEvery: options.chatEvery } : {}),
      },
      stepTimeoutMs,
    },
    // Longer than a bot's own step timeout, so a stuck bot reports its own error first.
    stepTimeoutMs + 30_000,
  );
  log(`${ready.players} bots in the world after ${ready.seconds.toFixed(1)} s`);
  return ready;
}

/** Sets the crowd walking and waits out the warm-up; `check` throws if a server died meanwhile. */
export async function warmUp(swarm: SwarmProcess, seconds: number, log: (line: string) => void, check: () => void): Promise<void> {
  await swarm.walk();
  log(`walking; warming up ${seconds} s`);
  await sleep(seconds * 1000);
  check();
}
