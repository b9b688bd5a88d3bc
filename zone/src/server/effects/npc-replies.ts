import type { Logger } from '@aether/shared/observability';
import { ConversationMemory } from '../../npc/llm/conversation.js';
import type { NpcBrain } from '../../npc/llm/npc-brain.js';
import type { NpcReplyRequest } from '../../npc/reply-request.js';
import type { Input } from '../../world/types.js';
import type { EffectOrigin } from './effect-router.js';

export interface NpcRepliesOptions {
  brain: NpcBrain;
  /** Queues an input for a zone's next tick (`ZoneHost.enqueue`); false when the zone is no longer here. */
  deliver: (zoneId: string, input: Input) => boolean;
  /** The longest a reply may take before the NPC says its fallback line instead. */
  timeoutMs: number;
  /** Exchanges per NPC sent along as context. */
  history: number;
  /** Requests one NPC may have waiting on the LLM; more get the fallback at once, so a crowd cannot pile up calls. */
  maxPendingPerNpc?: number;
  logger: Logger;
}

/**
 * Carries out `npc_reply_request` effects: asks the brain with a deadline,
 * then has the NPC say the answer, or its fallback line on a timeout, an
 * error or an empty answer, through the zone's next tick. The tick itself
 * never waits for any of this.
 */
export class NpcReplies {
  private readonly memory: ConversationMemory;
  private readonly pending = new Map<string, number>();
  private readonly maxPending: number;

  constructor(private readonly options: NpcRepliesOptions) {
    this.memory = new ConversationMemory(options.history);
    this.maxPending = options.maxPendingPerNpc ?? 2;
  }

  /** The effect handler (bound, to pass as `effectHandlers.npc_reply_request`). */
  readonly handle = async (effect: NpcReplyRequest, origin: EffectOrigin): Promise<void> => {
    const reply = await this.replyTo(effect);
    if (!reply) return;
    // Through the NPC's own /say: the reply reads and carries like any line said in the zone.
    const delivered = this.options.deliver(origin.zoneId, { kind: 'command', entityId: effect.npc.entityId, text: `/say ${reply}` });
    if (!delivered) this.options.logger.debug({ zoneId: origin.zoneId, npcId: effect.npc.id }, 'NPC reply for a zone no longer here dropped');
  };

  private async replyTo(effect: NpcReplyRequest): Promise<string> {
    const npcId = effect.npc.id;
    const waiting = this.pending.get(npcId) ?? 0;
    if (waiting >= this.maxPending) return effect.fallback;
    this.pending.set(npcId, waiting + 1);
    const started = performance.now();
    try {
      const reply = await withDeadline(
        (signal) =>
          this.options.brain.reply(
            {
              npc: { name: effect.npc.name, persona: effect.npc.persona },
              zoneName: effect.zone.name,
              speaker: effect.speaker.name,
              text: effect.text,
              history: this.memory.recall(npcId),
            },
            signal,
          ),
        this.options.timeoutMs,
      );
      if (!reply) return effect.fallback;
      this.memory.record(npcId, { speaker: effect.speaker.name, said: effect.text, reply });
      this.options.logger.debug({ npcId, ms: Math.round(performance.now() - started) }, 'NPC LLM reply');
      return reply;
    } catch (error) {
      const timedOut = error instanceof DeadlineError;
      this.options.logger.warn({ err: timedOut ? undefined : error, npcId, timedOut }, 'NPC LLM reply failed; saying the fallback line');
      return effect.fallback;
    } finally {
      const left = (this.pending.get(npcId) ?? 1) - 1;
      if (left > 0) this.pending.set(npcId, left);
      else this.pending.delete(npcId);
    }
  }
}

class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
}

/** Runs `work` with an abort signal, and gives up at the deadline even if `work` ignores the signal. */
async function withDeadline<T>(work: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new DeadlineError(`no reply within ${ms} ms`);
      controller.abort(error);
      reject(error);
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
