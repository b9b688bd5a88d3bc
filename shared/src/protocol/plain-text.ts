/**
 * Text one player wrote, made safe to show another: nothing that controls a
 * terminal, reorders what follows it, or hides from the reader. Pure; the
 * zone runs it on chat when a command is parsed, the MUD client on every line
 * it prints (defence in depth), NPC replies before they are said.
 */

/** Line and paragraph breaks of every kind, and tabs: a chat line is one line, so each becomes a space. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/gu;
/** C0 controls (ESC starts terminal escape sequences), DEL and C1 controls (U+009B is a one-character CSI). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is what this pattern is for.
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]/gu;
/**
 * Bidirectional overrides, embeddings, isolates and marks: "Trojan Source"
 * tricks that make text read differently from what it is.
 */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
/**
 * Other invisible format characters (Unicode category Cf: zero-width space,
 * word joiner, BOM, soft hyphen, tag characters that smuggle hidden text to
 * language models, …) and lone surrogates. Zero-width joiner and non-joiner
 * stay: Persian, Indic scripts and emoji sequences need them.
 */
const INVISIBLE = /(?![\u200C\u200D])\p{Cf}|\p{Cs}/gu;
/** Letters that render as nothing (Hangul fillers, the combining grapheme joiner), a favourite for blank names and lines. */
const BLANK_LETTERS = /[\u034F\u115F\u1160\u3164\uFFA0]/gu;
/** Combining marks stacked on one character: real scripts need a few, "Zalgo" text hundreds that spill over other lines. */
export const MAX_STACKED_MARKS = 8;
const STACKED_MARKS = new RegExp(`(\\p{M}{${MAX_STACKED_MARKS}})\\p{M}+`, 'gu');
const SPACES = / {2,}/g;

function strip(text: string): string {
  return text.replace(CONTROLS, '').replace(BIDI, '').replace(INVISIBLE, '').replace(BLANK_LETTERS, '').replace(STACKED_MARKS, '$1');
}

/** One line of chat: breaks become spaces, unsafe characters go, runs of spaces shrink to one, ends trimmed. */
export function plainLine(text: string): string {
  return strip(text.replace(BREAKS, ' ')).replace(SPACES, ' ').trim();
}

/** Text for a terminal that keeps its line breaks (`/help` has several lines): one safe string per line. */
export function plainLines(text: string): string[] {
  return text.split(/\r\n|[\n\r\u0085\u2028\u2029]/u).map((line) => strip(line.replace(/[\t\v\f]/gu, ' ')).trimEnd());
}
