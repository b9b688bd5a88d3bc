import { parseArgs } from 'node:util';

export const ARCHETYPES = ['warrior', 'ranger', 'mage'] as const;

export interface MudOptions {
  url: string;
  /** Handshake token; `dev:<name>` unless --token was given. */
  token: string;
  /** Character to play, by name or id. */
  character?: string;
  create?: { name: string; archetype?: (typeof ARCHETYPES)[number] };
  /** How long to keep listening after piped input ends, so replies get printed. */
  lingerMs: number;
}

export const USAGE = `Usage: npm run mud -- --name <account> [options]

  --url <url>            server address (default http://localhost:3100)
  --name <account>       log in as this account (dev token "dev:<account>")
  --token <token>        log in with this handshake token instead of --name
  --character <name|id>  play this character
  --create <Name>        create this character (or reuse it if it is yours) and play it
  --archetype <type>     archetype for --create: ${ARCHETYPES.join(', ')}
  --linger <ms>          after piped input ends, wait this long for replies (default 1000)
  --help                 show this text

Without --character or --create you pick a character from a list.`;

export class UsageError extends Error {}

/** Returns undefined when the user asked for --help. */
export function parseMudArgs(argv: readonly string[]): MudOptions | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: 'string', default: 'http://localhost:3100' },
        name: { type: 'string' },
        token: { type: 'string' },
        character: { type: 'string' },
        create: { type: 'string' },
        archetype: { type: 'string' },
        linger: { type: 'string', default: '1000' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values;
  if (v.help) return undefined;

  const token = v.token ?? (v.name ? `dev:${v.name}` : undefined);
  if (!token) throw new UsageError('--name (or --token) is required');
  if (v.character && v.create) throw new UsageError('use either --character or --create, not both');
  if (v.archetype && !v.create) throw new UsageError('--archetype only applies with --create');
  const archetype = v.archetype?.toLowerCase();
  if (archetype !== undefined && !isArchetype(archetype)) {
    throw new UsageError(`--archetype must be one of ${ARCHETYPES.join(', ')}`);
  }
  const lingerMs = Number(v.linger);
  if (!Number.isFinite(lingerMs) || lingerMs < 0) throw new UsageError('--linger must be a number of milliseconds');
  try {
    new URL(v.url);
  } catch {
    throw new UsageError(`--url is not a URL: ${v.url}`);
  }

  return {
    url: v.url,
    token,
    ...(v.character ? { character: v.character } : {}),
    ...(v.create ? { create: { name: v.create, ...(archetype ? { archetype } : {}) } } : {}),
    lingerMs,
  };
}

function isArchetype(value: string): value is (typeof ARCHETYPES)[number] {
  return (ARCHETYPES as readonly string[]).includes(value);
}
