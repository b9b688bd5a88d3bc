/** Longest line an NPC says from an LLM; models ignore max_tokens' spirit often enough. */
export const MAX_REPLY_LENGTH = 280;

/**
 * An LLM's answer as a line an NPC can say: reasoning blocks, a leading
 * "Name:", wrapping quotes and line breaks removed, cut at a word near the
 * limit. Empty when nothing sayable is left (the caller falls back).
 */
export function cleanReply(raw: string, npcName: string): string {
  let text = raw.replace(/<think>[\s\S]*?(<\/think>|$)/gi, ' ');
  text = text.replace(/\s+/g, ' ').trim();
  const prefix = new RegExp(`^(${escape(npcName)}|${escape(npcName.split(' ').at(-1) ?? npcName)})\\s*:\\s*`, 'i');
  text = text.replace(prefix, '');
  text = text.replace(/^["“”'](.*)["“”']$/s, '$1').trim();
  if (text.length <= MAX_REPLY_LENGTH) return text;
  const cut = text.slice(0, MAX_REPLY_LENGTH - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > MAX_REPLY_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
