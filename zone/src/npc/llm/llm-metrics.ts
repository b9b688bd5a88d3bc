import { Counter, type Registry } from 'prom-client';

/** What an NPC reply request came to: an LLM answer, or the scripted fallback and why (the `result` label). */
export type LlmOutcome = 'replied' | 'failed' | 'timeout' | 'empty' | 'budget' | 'busy';

/**
 * NPC LLM use (docs/metrics.md): requests by result, tokens spent, budget
 * refusals. Named aether_zone_npc_llm_* (the zone server's component prefix)
 * and registered whether or not an LLM is configured, so a zone always
 * serves the same documented set. No label names a player or an NPC.
 */
export class NpcLlmMetrics {
  readonly requests: Counter<'result'>;
  readonly tokens: Counter<never>;
  readonly budgetRefusals: Counter<'reason'>;

  constructor(registry: Registry) {
    this.requests = new Counter({
      name: 'aether_zone_npc_llm_requests_total',
      help: 'NPC reply requests by result: replied (from the LLM), or the scripted fallback after failed, timeout, empty, budget (a budget spent) or busy (too many waiting for one NPC).',
      labelNames: ['result'],
      registers: [registry],
    });
    this.tokens = new Counter({
      name: 'aether_zone_npc_llm_tokens_total',
      help: 'Tokens (prompt and reply) NPC LLM calls used, as the server reported them or estimated.',
      registers: [registry],
    });
    this.budgetRefusals = new Counter({
      name: 'aether_zone_npc_llm_budget_refusals_total',
      help: 'NPC LLM requests not made because a budget was spent: player_requests, global_requests, player_tokens or global_tokens.',
      labelNames: ['reason'],
      registers: [registry],
    });
  }
}
