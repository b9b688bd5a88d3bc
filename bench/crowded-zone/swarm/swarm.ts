import { Bot } from '../bot/index.js';
import { deriveSeed, seededRandom } from '../random.js';
import { LoadMonitor } from './load-monitor.js';
import type { StartSwarm, SwarmBot, SwarmWindow } from './messages.js';
import { MoveLatency } from './move-latency.js';
import { Walker } from './walker.js';

interface Member {
  bot: Bot;
  walker: Walker;
  /** Where the server put it; set once in the world. */
  start?: { x: number; y: number; heading: number };
}

/**
 * Bots logging in at once, whatever the ramp rate: a saturated server then
 * queues the rest here rather than in its accept backlog (511), yet enough
 * are in flight that a server taking seconds per join still fills up.
 */
const MAX_IN_FLIGHT = 256;
/** How often the views of decoding bots are sampled during the window. */
const VIEW_SAMPLE_MS = 1000;

interface WindowStart {
  at: number;
  bytes: number;
  events: number;
  disconnected: number;
}

/**
 * All bots of a run, in this one process: connects them at a bounded rate,
 * walks them, and measures a window (bytes, events, views, move latencies,
 * and how loaded this process was).
 */
export class Swarm {
  private readonly members: Member[] = [];
  private readonly latency: MoveLatency;
  private readonly monitor = new LoadMonitor();
  private windowStart: WindowStart | undefined;
  private viewSamples: number[] = [];
  private viewTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private entered = 0;
  private failed = 0;
  private readonly failures: string[] = [];

  constructor(private readonly config: StartSwarm) {
    this.latency = new MoveLatency(config.walk.headingToleranceDeg);
  }

  /** How the ramp-up is going, with the first few failures. */
  get progress(): { entered: number; failed: number; players: number; failures: string[] } {
    return { entered: this.entered, failed: this.failed, players: this.config.bots.length, failures: this.failures.slice(0, 3) };
  }

  /**
   * Resolves once every bot is in the world, standing still; rejects if any
   * could not get there. Nobody walks before `walk()`: a server busy with a
   * moving crowd lets the rest in slowly, and the measurement does not need it to.
   */
  async enterAll(): Promise<void> {
    const started = performance.now();
    const intervalMs = 1000 / this.config.rampPerSecond;
    let inFlight = 0;
    const waiting: Array<() => void> = [];
    const acquire = async () => {
      while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => waiting.push(resolve));
      inFlight += 1;
    };
    const release = () => {
      inFlight -= 1;
      waiting.shift()?.();
    };
    const results = await Promise.allSettled(
      this.config.bots.map(async (plan, index) => {
        await sleep(started + index * intervalMs - performance.now());
        await acquire();
        try {
          if (this.closed) throw new Error('the swarm was stopped while ramping up');
          await this.enter(plan, index);
          this.entered += 1;
        } catch (error) {
          this.failed += 1;
          if (this.failures.length < 3) this.failures.push(describe(error));
          throw error;
        } finally {
          release();
        }
      }),
    );
    const failures = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failures.length > 0) {
      const reasons = failures.slice(0, 3).map((failure) => describe(failure.reason));
      throw new Error(`${failures.length} of ${this.config.bots.length} bots did not get into the world; first: ${reasons.join(' | ')}`);
    }
  }

  /** Every bot starts walking, each at its own random moment within one turn interval. */
  walk(): void {
    for (const member of this.members) if (member.start) member.walker.start(member.start);
  }

  beginWindow(): void {
    this.latency.startTracking();
    this.monitor.begin();
    this.viewSamples = [];
    this.viewTimer = setInterval(() => this.sampleViews(), VIEW_SAMPLE_MS);
    this.windowStart = { at: performance.now(), ...this.counters() };
  }

  /** Counters at once; latencies after up to `drainMs`, for moves still on their way. */
  async endWindow(drainMs: number): Promise<SwarmWindow> {
    const start = this.windowStart;
    if (!start) throw new Error('end-window without begin-window');
    const at = performance.now();
    const counters = this.counters();
    const load = this.monitor.end();
    clearInterval(this.viewTimer);
    this.sampleViews();
    this.latency.stopTracking();
    this.windowStart = undefined;

    // Once every mover that can see itself has, the same ticks have reached the others too.
    const drainUntil = performance.now() + drainMs;
    while (this.latency.awaitingMover > 0 && performance.now() < drainUntil) await sleep(50);
    await sleep(Math.min(200, drainUntil - performance.now()));

    const disconnectReasons: Record<string, number> = {};
    for (const { bot } of this.members) {
      const reason = bot.disconnected;
      if (reason) disconnectReasons[reason] = (disconnectReasons[reason] ?? 0) + 1;
    }
    const views = this.viewSamples;
    return {
      seconds: (at - start.at) / 1000,
      players: this.members.length,
      decoding: this.members.filter(({ bot }) => bot.decoding).length,
      bytes: counters.bytes - start.bytes,
      events: counters.events - start.events,
      inViewMean: views.length > 0 ? views.reduce((sum, value) => sum + value, 0) / views.length : null,
      ...this.latency.summary(),
      load,
      disconnected: counters.disconnected - start.disconnected,
      disconnectReasons,
    };
  }

  /** Stops walking and closes every connection. */
  close(): void {
    this.closed = true;
    clearInterval(this.viewTimer);
    for (const { bot, walker } of this.members) {
      walker.stop();
      bot.close();
    }
  }

  private urlFor(index: number): string {
    const { url, urls } = this.config;
    return urls && urls.length > 0 ? urls[index % urls.length]! : url;
  }

  private async enter(plan: SwarmBot, index: number): Promise<void> {
    const decode = index % this.config.decodeEvery === 0;
    const random = seededRandom(deriveSeed(this.config.seed, index));
    let walker: Walker | undefined;
    let selfId: string | undefined;
    const bot = new Bot({
      url: this.urlFor(index),
      name: plan.name,
      character: plan.character,
      auth: plan.auth,
      decode,
      timeoutMs: this.config.stepTimeoutMs,
      observer: {
        self: (state, at) => {
          walker?.observe(state, at);
          if (selfId) this.latency.seenByMover(selfId, state.heading, at);
        },
        // Only a viewer who sees the heading change counts: one that first meets the mover after its turn learns of walking, not of the move.
        seen: (entity, at, previousHeading) => {
          if (previousHeading !== undefined && previousHeading !== entity.heading) this.latency.seenByOther(entity.id, entity.heading, at);
        },
      },
    });
    walker = new Walker(bot, this.config.walk, random, (heading, at) => {
      if (selfId) this.latency.sent(selfId, heading, at, decode);
    });
    const member: Member = { bot, walker };
    this.members.push(member);
    await bot.connect();
    const identity = await bot.enterWorld();
    selfId = identity.id;
    // Every bot decodes until it is in the world, so even one that then stops knows where it starts.
    member.start = { x: identity.x, y: identity.y, heading: identity.heading };
  }

  private counters(): { bytes: number; events: number; disconnected: number } {
    let bytes = 0;
    let events = 0;
    let disconnected = 0;
    for (const { bot } of this.members) {
      bytes += bot.bytesReceived;
      events += bot.eventsReceived;
      if (bot.disconnected) disconnected += 1;
    }
    return { bytes, events, disconnected };
  }

  private sampleViews(): void {
    let total = 0;
    let bots = 0;
    for (const { bot } of this.members) {
      const inView = bot.inView;
      if (inView === undefined || bot.disconnected) continue;
      total += inView;
      bots += 1;
    }
    if (bots > 0) this.viewSamples.push(total / bots);
  }
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

function describe(error: unknown): string {
  const parts: string[] = [];
  for (let current = error; current && parts.length < 4; current = (current as { cause?: unknown }).cause) {
    parts.push(current instanceof Error ? current.message : String(current));
  }
  return parts.join(': ');
}
