/**
 * A command's arguments, declared the way its usage line reads:
 * - `<x>` a required word, `[x]` an optional one; a word may be quoted, "like this" or 'like this';
 * - `<message...>` the rest of the line, kept exactly as typed (quotes and apostrophes are part of it);
 * - `<name+>` a name of one or more words ("/attack wild boar", "/attack "Wild boar""): the words
 *   joined by single spaces, quotes removed;
 * - `[ordinal#]` a whole number; after a name it is taken from the end of the line only when the
 *   last word is a number, so "/attack wild boar 2" is the second wild boar and "/drop pelt" drops one.
 * Nothing follows a `...` argument, and only numbers follow a `+` one.
 */
export interface ArgumentSpec {
  name: string;
  optional: boolean;
  kind: ArgumentKind;
}

type ArgumentKind = 'word' | 'text' | 'name' | 'number';

export type ParsedArguments = Record<string, string | undefined>;

export type BindResult = { ok: true; values: ParsedArguments } | { ok: false; message: string };

const TOKEN = /^(<|\[)([a-z][a-zA-Z0-9]*)(\.\.\.|\+|#)?(>|\])$/;
const KINDS: Record<string, ArgumentKind> = { '...': 'text', '+': 'name', '#': 'number' };

/** Reads a syntax string such as `<name> <message...>`. Throws on a malformed declaration: that is a programming error. */
export function parseSyntax(syntax: string): ArgumentSpec[] {
  const specs: ArgumentSpec[] = [];
  for (const token of syntax.split(/\s+/).filter(Boolean)) {
    const match = TOKEN.exec(token);
    if (!match || (match[1] === '<') !== (match[4] === '>')) throw new Error(`bad argument "${token}" in syntax "${syntax}"`);
    const spec: ArgumentSpec = { name: match[2]!, optional: match[1] === '[', kind: KINDS[match[3] ?? ''] ?? 'word' };
    const previous = specs.at(-1);
    if (previous?.kind === 'text') throw new Error(`"${token}" follows a rest argument in syntax "${syntax}"`);
    if (specs.some((earlier) => earlier.kind === 'name') && spec.kind !== 'number') {
      throw new Error(`"${token}" follows a name argument in syntax "${syntax}" (only numbers may)`);
    }
    if (previous?.optional && !spec.optional) throw new Error(`required "${token}" follows an optional argument in syntax "${syntax}"`);
    specs.push(spec);
  }
  return specs;
}

/** Words are separated by spaces or commas ("/move 10,20" is "/move 10 20"). */
const SEPARATORS = /[\s,]*/y;
const WORD_END = /[\s,]/;

interface Token {
  value: string;
  quoted: boolean;
}

type Read = { ok: true; token: Token; next: number } | { ok: false; message: string };

/** The word at `start` (no separators there): up to the next separator, or between a pair of quotes. */
function readToken(text: string, start: number): Read {
  const open = text[start];
  if (open === '"' || open === "'") {
    // A quote closes only at the end of a word, so an apostrophe inside one ("'hunter's knife'") does not.
    let close = text.indexOf(open, start + 1);
    while (close >= 0 && close + 1 < text.length && !WORD_END.test(text[close + 1]!)) close = text.indexOf(open, close + 1);
    if (close < 0) return { ok: false, message: `a quote is not closed: ${clip(text.slice(start))}` };
    return { ok: true, token: { value: text.slice(start + 1, close), quoted: true }, next: close + 1 };
  }
  let end = start;
  while (end < text.length && !WORD_END.test(text[end]!)) end++;
  return { ok: true, token: { value: text.slice(start, end), quoted: false }, next: end };
}

function skipSeparators(text: string, from: number): number {
  SEPARATORS.lastIndex = from;
  SEPARATORS.exec(text);
  return SEPARATORS.lastIndex;
}

/**
 * Splits the text after a command name into its declared arguments. Only
 * counts (and quotes) are checked here; what each value must look like is
 * the event schema's job. Never throws.
 */
export function bindArguments(specs: readonly ArgumentSpec[], text: string): BindResult {
  const values: ParsedArguments = {};
  const line = text.trim();
  let at = 0;
  for (let index = 0; index < specs.length; index++) {
    const spec = specs[index]!;
    if (at >= line.length) {
      if (!spec.optional) return { ok: false, message: `${spec.name} is missing` };
      values[spec.name] = undefined;
      continue;
    }
    if (spec.kind === 'text') {
      values[spec.name] = line.slice(at);
      at = line.length;
      continue;
    }
    if (spec.kind === 'name') {
      const bound = bindName(spec, specs.slice(index + 1), line, at, values);
      if (!bound.ok) return bound;
      at = line.length;
      break;
    }
    const read = readToken(line, at);
    if (!read.ok) return read;
    values[spec.name] = read.token.value;
    at = skipSeparators(line, read.next);
  }
  if (at < line.length) return { ok: false, message: `too many arguments ("${clip(line.slice(at))}" is left over)` };
  return { ok: true, values };
}

/** A name takes every word left but the numbers the arguments after it claim from the end. */
function bindName(spec: ArgumentSpec, after: readonly ArgumentSpec[], line: string, from: number, values: ParsedArguments): BindResult {
  const tokens: Token[] = [];
  for (let at = from; at < line.length; ) {
    const read = readToken(line, at);
    if (!read.ok) return read;
    // A stray comma at the start is no word.
    if (read.token.quoted || read.token.value.length > 0) tokens.push(read.token);
    at = skipSeparators(line, read.next);
  }
  for (let index = after.length - 1; index >= 0; index--) {
    const number = after[index]!;
    const last = tokens.at(-1);
    // The name keeps at least one word: "/attack 2" names something called 2.
    const claims = tokens.length > 1 && last !== undefined && (!number.optional || (!last.quoted && /^\d+$/.test(last.value)));
    if (claims) values[number.name] = tokens.pop()!.value;
    else if (number.optional) values[number.name] = undefined;
    else return { ok: false, message: `${number.name} is missing` };
  }
  values[spec.name] = tokens.map((token) => token.value).join(' ');
  return { ok: true, values };
}

/** The arguments as a usage line shows them to players: `<name> <message>` (the kind markers are for declarations). */
export function formatSyntax(specs: readonly ArgumentSpec[]): string {
  return specs.map((spec) => (spec.optional ? `[${spec.name}]` : `<${spec.name}>`)).join(' ');
}

function clip(text: string, max = 24): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
