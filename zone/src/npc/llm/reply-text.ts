import { plainLine } from '@aether/shared';

/** Longest line an NPC says from an LLM by default (NPC_LLM_MAX_REPLY_CHARS); models ignore max_tokens' spirit often enough. */
export const MAX_REPLY_LENGTH = 280;

/**
 * An LLM's answer as a line an NPC can say: reasoning blocks, a leading
 * "Name:", wrapping quotes, line breaks and anything unsafe to show a player
 * (control, bidi and invisible characters) removed, then cut to `maxLength`
 * characters at a sentence end when there is one. Empty when nothing sayable
 * is left (the caller falls back).
 */
export function cleanReply(raw: string, npcName: string, maxLength = MAX_REPLY_LENGTH): string {
  let text = raw.replace(/<think>[\s\S]*?(<\/think>|$)/gi, ' ');
  text = plainLine(text);
  const prefix = new RegExp(`^(${escapeRegExp(npcName)}|${escapeRegExp(npcName.split(' ').at(-1) ?? npcName)})\\s*:\\s*`, 'i');
  text = text.replace(prefix, '');
  text = text.replace(/^["“”'](.*)["“”']$/s, '$1').trim();
  return limitLength(text, maxLength);
}

/**
 * `text` in at most `max` characters (code points): whole sentences when the
 * cut keeps at least a third of the limit, else whole words and an ellipsis.
 */
export function limitLength(text: string, max: number): string {
  const characters = Array.from(text);
  if (characters.length <= max) return text;
  // The last sentence end (., !, ?, … with any closing quote or bracket) followed by a space, within the limit.
  const sentence = /^([\s\S]*[.!?…]["'”’)\]]*)\s/u.exec(characters.slice(0, max + 1).join(''));
  if (sentence && Array.from(sentence[1]!).length >= max / 3) return sentence[1]!;
  // Room for the ellipsis; a word that ends right there is whole.
  const words = characters.slice(0, max - 1).join('');
  if (characters[max - 1] === ' ') return `${words.trimEnd()}…`;
  const space = words.lastIndexOf(' ');
  return `${(space > words.length / 2 ? words.slice(0, space) : words).trimEnd()}…`;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
