import { parseEnv } from '@aether/shared/config';
import { z } from 'zod';

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
    /** Exchanges per NPC sent along as context. */
    NPC_LLM_HISTORY: whole(0, 50).default(6),
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
  history: number;
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
  };
}
