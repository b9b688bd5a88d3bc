import type { ChatLimits } from './chat-limits.js';

/** A player's chat allowance: a token bucket, `tokens` as of wall-clock ms `at`. */
export interface ChatAllowance {
  readonly tokens: number;
  readonly at: number;
}

export type ChatRefusal = 'muted' | 'chat_too_long' | 'chat_rate_limited';

export type ChatVerdict = { ok: true; allowance: ChatAllowance } | { ok: false; code: ChatRefusal; message: string };

/** What judging a line needs to know about the speaker. */
export interface Speaker {
  readonly mutedUntil?: number;
  readonly chat?: ChatAllowance;
}

/**
 * Whether a player may say `text` now (wall-clock ms, from the step
 * context's clock): not while muted, not longer than the limit, and not
 * faster than the rate. A refused line spends nothing. Pure.
 */
export function judgeChat(speaker: Speaker, text: string, now: number, limits: ChatLimits): ChatVerdict {
  if (speaker.mutedUntil !== undefined && speaker.mutedUntil > now) {
    return { ok: false, code: 'muted', message: `You are muted until ${utc(speaker.mutedUntil)}.` };
  }
  const length = codePoints(text);
  if (length > limits.maxLength) {
    return { ok: false, code: 'chat_too_long', message: `That is ${length} characters; a chat line is at most ${limits.maxLength}.` };
  }
  const msPerLine = 60_000 / limits.perMinute;
  const previous = speaker.chat;
  const tokens = previous ? Math.min(limits.burst, previous.tokens + Math.max(0, now - previous.at) / msPerLine) : limits.burst;
  if (tokens < 1) {
    const seconds = Math.max(1, Math.ceil(((1 - tokens) * msPerLine) / 1000));
    return { ok: false, code: 'chat_rate_limited', message: `You are talking too fast; wait ${seconds} s.` };
  }
  return { ok: true, allowance: { tokens: tokens - 1, at: now } };
}

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** "2026-12-03 10:15 UTC": the same for every reader, whatever their time zone. */
export function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

// Registers the chat allowance on player profiles (zone/src/world/types.ts, PlayerComponents).
declare module '../world/types.js' {
  interface PlayerComponents {
    /** What is left of the chat rate allowance, once the player has said anything. */
    chat?: ChatAllowance;
  }
}
