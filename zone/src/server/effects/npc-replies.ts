import type { Logger } from '@aether/shared/observability';
import { DEFAULT_NPC_LLM_BUDGETS, LlmBudget, type NpcLlmBudgets } from '../../npc/llm/budget.js';
import { ConversationMemory } from '../../npc/llm/conversation.js';
import type { LlmOutcome, NpcLlmMetrics } from '../../npc/llm/llm-metrics.js';
import type { NpcBrain, NpcBrainRequest } from '../../npc/llm/npc-brain.js';
import { estimateTokens, npcMessages } from '../../npc/llm/prompt.js';
import type { NpcReplyRequest } from '../../npc/reply-request.js';
import type { Input } from '../../world/types.js';
import type { EffectOrigin } from './effect-router.js';

export interface NpcRepliesOptions {
  brain: NpcBrain;
  /** Queues an input for a zone's next tick (`ZoneHost.enqueue`); false when the zone is no longer here. */
  deliver: (zoneId: string, input: Input) => boolean;
  /** The longest a reply may take before the NPC says its fallback line instead. */
  timeoutMs: number;
  /** Exchanges per player per NPC sent along as context. */
  history: number;
  /** Conversations (player × NPC) remembered at most; the least recently used go first. */
  conversations?: number;
  /** Requests one NPC may have waiting on the LLM; more get the fallback at once, so a crowd cannot pile up calls. */
  maxPendingPerNpc?: number;
  /** Rate and token budgets, per player and for the whole process; spent ones get the fallback. */
  budgets?: NpcLlmBudgets;
  /** The reply's max_tokens, for the token estimate a request reserves. */
  maxTokens?: number;
  /** Wall clock for the budgets, ms; Date.now when absent. */
  now?: () => number;
  metrics?: NpcLlmMetrics;
  logger: Logger;
}

/**
 * Carries out `npc_reply_request` effects: asks the brain with a deadline,
 * then has the NPC say the answer, or its fallback line on a timeout, an
 * error, an empty answer, a spent budget or a crowd, through the zone's next
 * tick. The tick itself never waits for any of this.
 *
 * What one player makes the model say stays between them and the NPC: the
 * context sent is that player's own conversation with that NPC only, and the
 * answer (LLM or fallback) is said to that player only, never to everyone
 * near (scripted rule replies stay public; they are the game's own words).
 */
export class NpcReplies {
  private readonly memory: ConversationMemory;
  private readonly budget: LlmBudget;
  private readonly pending = new Map<string, number>();
  private readonly maxPending: number;
  private readonly maxTokens: number;

  constructor(private readonly options: NpcRepliesOptions) {
    this.memory = new ConversationMemory(options.history, options.conversations ?? 1000);
    this.budget = new LlmBudget(options.budgets ?? DEFAULT_NPC_LLM_BUDGETS, options.now ?? Date.now);
    this.maxPending = options.maxPendingPerNpc ?? 2;
    this.maxTokens = options.maxTokens ?? 80;
  }

  /** The effect handler (bound, to pass as `effectHandlers.npc_reply_request`). */
  readonly handle = async (effect: NpcReplyRequest, origin: EffectOrigin): Promise<void> => {
    const { reply, outcome } = await this.replyTo(effect);
    this.options.metrics?.requests.inc({ result: outcome });
    if (!reply) return;
    const delivered = this.options.deliver(origin.zoneId, { kind: 'npc_reply', npcEntityId: effect.npc.entityId, to: effect.speaker.id, text: reply });
    if (!delivered) this.options.logger.debug({ zoneId: origin.zoneId, npcId: effect.npc.id }, 'NPC reply for a zone no longer here dropped');
  };

  private async replyTo(effect: NpcReplyRequest): Promise<{ reply: string; outcome: LlmOutcome }> {
    const npcId = effect.npc.id;
    const playerId = effect.speaker.id;
    const waiting = this.pending.get(npcId) ?? 0;
    if (waiting >= this.maxPending) return { reply: effect.fallback, outcome: 'busy' };
    const request: NpcBrainRequest = {
      npc: { name: effect.npc.name, persona: effect.npc.persona },
      zoneName: effect.zone.name,
      speaker: effect.speaker.name,
      text: effect.text,
      history: this.memory.recall(npcId, playerId),
    };
    const estimate = estimateTokens(npcMessages(request), this.maxTokens);
    const granted = this.budget.reserve(playerId, estimate);
    if (!granted.ok) {
      this.options.metrics?.budgetRefusals.inc({ reason: granted.reason });
      this.options.logger.debug({ npcId, playerId, budget: granted.reason }, 'NPC LLM budget spent; saying the fallback line');
      return { reply: effect.fallback, outcome: 'budget' };
    }
    this.pending.set(npcId, waiting + 1);
    const started = performance.now();
    // Until the server says otherwise, a request costs what was reserved; a failure costs the prompt at most.
    let used = estimate;
    try {
      const answer = await withDeadline((signal) => this.options.brain.reply(request, signal), this.options.timeoutMs);
      const { text, tokens } = typeof answer === 'string' ? { text: answer, tokens: undefined } : answer;
      used = tokens ?? estimate;
      if (!text) return { reply: effect.fallback, outcome: 'empty' };
      this.memory.record(npcId, playerId, { speaker: effect.speaker.name, said: effect.text, reply: text });
      this.options.logger.debug({ npcId, ms: Math.round(performance.now() - started), tokens: used }, 'NPC LLM reply');
      return { reply: text, outcome: 'replied' };
    } catch (error) {
      const timedOut = error instanceof DeadlineError;
      used = estimate - this.maxTokens;
      this.options.logger.warn({ err: timedOut ? undefined : error, npcId, timedOut }, 'NPC LLM reply failed; saying the fallback line');
      return { reply: effect.fallback, outcome: timedOut ? 'timeout' : 'failed' };
    } finally {
      this.budget.settle(granted.reservation, used);
      this.options.metrics?.tokens.inc(used);
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
