import { closest } from './suggest.js';

/**
 * Something a player may name: an entity near them (order: its distance), a
 * stack in their bags (order: its slot), an item on a vendor's list… `order`
 * is how a list shows them to the player, so "the second wild boar" means the
 * second one the player sees listed.
 */
export interface NameCandidate {
  readonly id: string;
  readonly name: string;
  readonly order: number;
}

export interface NameQuery {
  /** The name as typed: any case, words separated by any spaces, a prefix of each word allowed ("wild bo"). */
  readonly name: string;
  /** Which of the matches, counting from 1 in `order` (absent: the first). */
  readonly ordinal?: number | undefined;
  /** Where the candidates are, for the refusals: "near you" (the default), "in your bags". */
  readonly where?: string;
}

export type NameMatch<C extends NameCandidate> = { ok: true; match: C } | { ok: false; message: string };

/**
 * The candidate a player means. An exact id ("w:17" from the roster) wins;
 * otherwise the candidates whose whole name is the typed name, else those
 * where each typed word starts a word of the name, in order ("boar" and
 * "wild bo" name a "Wild Boar"), else those whose name merely contains it.
 * Only the best of these tiers counts, so "/attack wolf 2" is the second
 * Wolf even when a Wolf Pup stands closer. Pure; never throws.
 */
export function matchName<C extends NameCandidate>(query: NameQuery, candidates: Iterable<C>): NameMatch<C> {
  const list = [...candidates];
  const typed = normalise(query.name);
  const where = query.where ?? 'near you';
  if (typed.length === 0) return { ok: false, message: 'Name someone or something.' };
  const ordinal = query.ordinal ?? 1;
  if (!Number.isInteger(ordinal) || ordinal < 1) return { ok: false, message: `Count from 1: "${query.name.trim()} 2" is the second one.` };

  const byId = list.find((candidate) => candidate.id === query.name.trim());
  if (byId) return { ok: true, match: byId };

  const words = typed.split(' ');
  const tiers = [(name: string) => name === typed, (name: string) => startsWords(name.split(' '), words), (name: string) => name.includes(typed)];
  for (const test of tiers) {
    // Stable: equal orders keep the caller's order.
    const matches = list.filter((candidate) => test(normalise(candidate.name))).sort((a, b) => a.order - b.order);
    if (matches.length === 0) continue;
    const chosen = matches[ordinal - 1];
    if (chosen) return { ok: true, match: chosen };
    const count = matches.length === 1 ? 'is only 1' : `are only ${matches.length}`;
    return { ok: false, message: `There ${count} "${typed}" ${where}.` };
  }

  const suggestion = closest(typed, new Set(list.map((candidate) => normalise(candidate.name))));
  const original = suggestion ? list.find((candidate) => normalise(candidate.name) === suggestion)?.name : undefined;
  return { ok: false, message: `There is no "${query.name.trim()}" ${where}.${original ? ` Did you mean ${original}?` : ''}` };
}

/** Lower case, one space between words. */
function normalise(name: string): string {
  return name.trim().toLowerCase().split(/\s+/).filter(Boolean).join(' ');
}

/** True when the typed words start consecutive words of the name: ["wild", "bo"] in ["old", "wild", "boar"]. */
function startsWords(name: readonly string[], typed: readonly string[]): boolean {
  for (let first = 0; first + typed.length <= name.length; first++) {
    if (typed.every((word, i) => name[first + i]!.startsWith(word))) return true;
  }
  return false;
}
