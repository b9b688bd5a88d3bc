/** A command-line mistake; its message names the option. */
export class OptionsError extends Error {}

/**
 * Walks argv (without node and script), `--flag value` or `--flag=value`,
 * handing each flag to `take` with a reader for its value; `take` returns
 * false for a flag it does not know. Returns 'help' for --help or -h.
 */
export function parseFlags(argv: readonly string[], take: (flag: string, value: () => string) => boolean): 'help' | undefined {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined || (inline === undefined && next.startsWith('--'))) throw new OptionsError(`${flag} needs a value`);
      return next;
    };
    if (!take(flag, value)) throw new OptionsError(`unknown option ${JSON.stringify(arg)} (--help lists them)`);
  }
  return undefined;
}

export function number(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (text === '' || !Number.isFinite(value) || value < min || value > max)
    throw new OptionsError(`${flag} takes a number from ${min} to ${max}, not ${JSON.stringify(text)}`);
  return value;
}

export function integer(flag: string, text: string, min: number, max: number): number {
  const value = number(flag, text, min, max);
  if (!Number.isInteger(value)) throw new OptionsError(`${flag} takes whole numbers, not ${JSON.stringify(text)}`);
  return value;
}
