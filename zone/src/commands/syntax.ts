/**
 * A command's arguments, declared the way its usage line reads:
 * `<x> <y>` two required words, `[name]` an optional word, `<message...>` the
 * rest of the line (kept as typed, spaces included), `[topic...]` an optional rest.
 */
export interface ArgumentSpec {
  name: string;
  optional: boolean;
  rest: boolean;
}

export type ParsedArguments = Record<string, string | undefined>;

export type BindResult = { ok: true; values: ParsedArguments } | { ok: false; message: string };

const TOKEN = /^(<|\[)([a-z][a-zA-Z0-9]*)(\.\.\.)?(>|\])$/;

/** Reads a syntax string such as `<name> <message...>`. Throws on a malformed declaration: that is a programming error. */
export function parseSyntax(syntax: string): ArgumentSpec[] {
  const specs: ArgumentSpec[] = [];
  for (const token of syntax.split(/\s+/).filter(Boolean)) {
    const match = TOKEN.exec(token);
    if (!match || (match[1] === '<') !== (match[4] === '>')) throw new Error(`bad argument "${token}" in syntax "${syntax}"`);
    const spec = { name: match[2]!, optional: match[1] === '[', rest: match[3] !== undefined };
    const previous = specs.at(-1);
    if (previous?.rest) throw new Error(`"${token}" follows a rest argument in syntax "${syntax}"`);
    if (previous?.optional && !spec.optional) throw new Error(`required "${token}" follows an optional argument in syntax "${syntax}"`);
    specs.push(spec);
  }
  return specs;
}

/** Words are separated by spaces or commas ("/move 10,20" is "/move 10 20"). */
const SEPARATOR = /[\s,]+/;

/**
 * Splits the text after a command name into its declared arguments. Only
 * counts are checked here; what each value must look like is the event
 * schema's job. Never throws.
 */
export function bindArguments(specs: readonly ArgumentSpec[], text: string): BindResult {
  const values: ParsedArguments = {};
  let remaining = text.trim();
  for (const spec of specs) {
    if (remaining.length === 0) {
      if (!spec.optional) return { ok: false, message: `${spec.name} is missing` };
      values[spec.name] = undefined;
      continue;
    }
    if (spec.rest) {
      values[spec.name] = remaining;
      remaining = '';
      continue;
    }
    const separator = SEPARATOR.exec(remaining);
    const end = separator ? separator.index : remaining.length;
    values[spec.name] = remaining.slice(0, end);
    remaining = separator ? remaining.slice(end + separator[0].length).trimStart() : '';
  }
  if (remaining.length > 0) return { ok: false, message: `too many arguments ("${clip(remaining)}" is left over)` };
  return { ok: true, values };
}

/** The arguments as a usage line shows them to players: `<name> <message>` (a rest argument needs no marking there). */
export function formatSyntax(specs: readonly ArgumentSpec[]): string {
  return specs.map((spec) => (spec.optional ? `[${spec.name}]` : `<${spec.name}>`)).join(' ');
}

function clip(text: string, max = 24): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
