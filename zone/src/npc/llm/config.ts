import { parseEnv } from '@aether/shared/config';
import { z } from 'zod';
import { DEFAULT_NPC_LLM_BUDGETS, type NpcLlmBudgets } from './budget.js';
import { MAX_REPLY_LENGTH } from './reply-text.js';

const whole = (min: number, max: number) => z.coerce.number().int('must be a whole number').min(min).max(max);

/** The optional LLM behind NPCs (docs/gameplay.md, "NPCs"); without NPC_LLM_URL, NPCs use their scripted lines only. */
export const NpcLlmEnv = z
  .object({
    /** OpenAI-compatible base URL, e.g. http://localhost:11434/v1 (Ollama) or https://api.openai.com/v1. */
    NPC_LLM_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
    NPC_LLM_MODEL: z.string().min(1).optional(),
    NPC_LLM_API_KEY: z.string().min(1).optional(),
    NPC_LLM_TIMEOUT_MS: whole(100, 60_000).default(3000),
    NPC_LLM_MAX_TOKENS: whole(1, 2000).default(80),
    /** Exchanges per player per NPC sent along as context. */
    NPC_LLM_HISTORY: whole(0, 50).default(6),
    /** Conversations (player × NPC) remembered at most; the least recently used are forgotten first. */
    NPC_LLM_CONVERSATIONS: whole(1, 1_000_000).default(1000),
    /** Longest reply an NPC says, in characters; longer ones are cut at a sentence end. */
    NPC_LLM_MAX_REPLY_CHARS: whole(20, 500).default(MAX_REPLY_LENGTH),
    NPC_LLM_PLAYER_REQUESTS_PER_MINUTE: whole(1, 10_000).default(DEFAULT_NPC_LLM_BUDGETS.playerRequestsPerMinute),
    NPC_LLM_GLOBAL_REQUESTS_PER_MINUTE: whole(1, 1_000_000).default(DEFAULT_NPC_LLM_BUDGETS.globalRequestsPerMinute),
    NPC_LLM_PLAYER_TOKENS_PER_HOUR: whole(1, 100_000_000).default(DEFAULT_NPC_LLM_BUDGETS.playerTokensPerHour),
    NPC_LLM_GLOBAL_TOKENS_PER_HOUR: whole(1, 1_000_000_000).default(DEFAULT_NPC_LLM_BUDGETS.globalTokensPerHour),
  })
  .superRefine((env, context) => {
    if (env.NPC_LLM_URL && !env.NPC_LLM_MODEL) {
      context.addIssue({ code: 'custom', path: ['NPC_LLM_MODEL'], message: 'is required when NPC_LLM_URL is set' });
    }
  });

export interface NpcLlmSettings {
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
  maxTokens: number;
  /** Exchanges per player per NPC sent as context. */
  history: number;
  /** Conversations remembered at most (default 1000). */
  conversations?: number;
  /** Longest reply in characters (default 280). */
  maxReplyChars?: number;
  /** Rate and token budgets (defaults: DEFAULT_NPC_LLM_BUDGETS). */
  budgets?: NpcLlmBudgets;
}

/** The LLM settings from the environment, or undefined when NPC_LLM_URL is not set; a bad value throws a ConfigError naming it. */
export function npcLlmSettings(env: NodeJS.ProcessEnv): NpcLlmSettings | undefined {
  const parsed = parseEnv(NpcLlmEnv, env);
  if (!parsed.NPC_LLM_URL || !parsed.NPC_LLM_MODEL) return undefined;
  return {
    baseUrl: parsed.NPC_LLM_URL.replace(/\/+$/, ''),
    model: parsed.NPC_LLM_MODEL,
    ...(parsed.NPC_LLM_API_KEY ? { apiKey: parsed.NPC_LLM_API_KEY } : {}),
    timeoutMs: parsed.NPC_LLM_TIMEOUT_MS,
    maxTokens: parsed.NPC_LLM_MAX_TOKENS,
    history: parsed.NPC_LLM_HISTORY,
    conversations: parsed.NPC_LLM_CONVERSATIONS,
    maxReplyChars: parsed.NPC_LLM_MAX_REPLY_CHARS,
    budgets: {
      playerRequestsPerMinute: parsed.NPC_LLM_PLAYER_REQUESTS_PER_MINUTE,
      globalRequestsPerMinute: parsed.NPC_LLM_GLOBAL_REQUESTS_PER_MINUTE,
      playerTokensPerHour: parsed.NPC_LLM_PLAYER_TOKENS_PER_HOUR,
      globalTokensPerHour: parsed.NPC_LLM_GLOBAL_TOKENS_PER_HOUR,
    },
  };
}
