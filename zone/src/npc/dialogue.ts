import type { NpcDialogueRuleRecord } from '@aether/shared/db';

export type DialogueRule = NpcDialogueRuleRecord;

/** Case and width folded, runs of spaces made one, so "HELLO  there" and "hello there" read alike. */
function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The regular expression a rule stands for, or why it has none (a bad regex from the database). */
export function compileRule(rule: Pick<DialogueRule, 'match' | 'pattern'>): { ok: true; regex: RegExp } | { ok: false; problem: string } {
  if (rule.match === 'keyword') {
    const phrase = normalise(rule.pattern);
    if (phrase.length === 0) return { ok: false, problem: 'the keyword is empty' };
    // Whole words only: "hi" must not answer "this" or "high".
    return { ok: true, regex: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(phrase)}(?![\\p{L}\\p{N}])`, 'u') };
  }
  try {
    return { ok: true, regex: new RegExp(rule.pattern, 'iu') };
  } catch (error) {
    return { ok: false, problem: `not a valid regular expression (${(error as Error).message})` };
  }
}

export function ruleMatches(rule: Pick<DialogueRule, 'match' | 'pattern'>, text: string): boolean {
  const compiled = compileRule(rule);
  return compiled.ok && compiled.regex.test(normalise(text));
}

/** The rule that answers `text`: the highest priority match; between equals, the one listed first. */
export function matchRule<R extends Pick<DialogueRule, 'match' | 'pattern' | 'priority'>>(rules: readonly R[], text: string): R | undefined {
  let best: R | undefined;
  for (const rule of rules) {
    if ((best === undefined || rule.priority > best.priority) && ruleMatches(rule, text)) best = rule;
  }
  return best;
}

/** A reply with `{player}` and `{npc}` filled in. */
export function renderReply(template: string, names: { player: string; npc: string }): string {
  return template.replace(/\{(player|npc)\}/g, (_, key: 'player' | 'npc') => names[key]);
}

/**
 * Whether `text` speaks to the NPC by name: any word of its name of four or
 * more letters ("Aldric", "Guard", "Tobin"), as a whole word. Short words
 * ("Old") are too common to mean the NPC.
 */
export function mentions(text: string, name: string): boolean {
  const words = normalise(name)
    .split(' ')
    .filter((word) => [...word].length >= 4);
  return words.some((word) => ruleMatches({ match: 'keyword', pattern: word }, text));
}
