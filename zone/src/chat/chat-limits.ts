import { COMMAND_MAX_LENGTH } from '@aether/shared';
import { parseEnv } from '@aether/shared/config';
import { z } from 'zod';

/** How much one player may say (docs/gameplay.md, "Chat safety"); part of the zone's Rules. */
export interface ChatLimits {
  /** Longest chat line, in characters (code points) after sanitising. */
  maxLength: number;
  /** Lines a player may say at once before the rate applies. */
  burst: number;
  /** Lines per minute over time: the allowance refills at this rate up to `burst`. */
  perMinute: number;
}

export const DEFAULT_CHAT_LIMITS: ChatLimits = { maxLength: 300, burst: 5, perMinute: 30 };

const whole = (min: number, max: number) => z.coerce.number().int('must be a whole number').min(min).max(max);

const ChatLimitsEnv = z.object({
  CHAT_MAX_LENGTH: whole(1, COMMAND_MAX_LENGTH).default(DEFAULT_CHAT_LIMITS.maxLength),
  CHAT_BURST: whole(1, 100).default(DEFAULT_CHAT_LIMITS.burst),
  CHAT_LINES_PER_MINUTE: whole(1, 600).default(DEFAULT_CHAT_LIMITS.perMinute),
});

/** The chat limits from the environment (defaults when unset); a bad value throws a ConfigError naming it. */
export function chatLimits(env: NodeJS.ProcessEnv): ChatLimits {
  const parsed = parseEnv(ChatLimitsEnv, env);
  return { maxLength: parsed.CHAT_MAX_LENGTH, burst: parsed.CHAT_BURST, perMinute: parsed.CHAT_LINES_PER_MINUTE };
}
