import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A command-line mistake: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

type ArgOptions = NonNullable<ParseArgsConfig['options']>;
type ArgValues<O extends ArgOptions> = ReturnType<typeof parseArgs<{ args: string[]; strict: true; allowPositionals: false; options: O }>>['values'];

/** node:util's parseArgs, strict and without positionals, its mistakes as UsageErrors. */
export function parseArgsOrUsage<O extends ArgOptions>(argv: string[], options: O): ArgValues<O> {
  try {
    return parseArgs({ args: argv, strict: true, allowPositionals: false, options }).values;
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
}

/** A whole number from min to max; a core number's range is the machine's CPUs, which the message says. */
export function wholeNumber(name: string, text: string, min: number, max: number): number {
  const value = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) throw new UsageError(`${name} must be a whole number, got ${JSON.stringify(text)}`);
  if (value < min || value > max) {
    const hint = name.endsWith('-core') ? ` (this machine has ${max + 1} CPUs)` : '';
    throw new UsageError(`${name} must be between ${min} and ${max}${hint}, got ${value}`);
  }
  return value;
}
