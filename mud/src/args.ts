import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Archetype } from '@aether/shared/protocol';

/** The archetypes a character can be created with: the protocol's own list, so the client cannot offer one the server refuses. */
export const ARCHETYPE_NAMES: readonly Archetype[] = Archetype.options;

/** How the client logs in (docs/clients.md, "MUD client"). */
export type MudLogin =
  /** A handshake token as it is: `dev:<name>` from --name (dev mode), or --token (e.g. an identity provider's JWT). */
  | { kind: 'token'; token: string }
  /** Password mode: --username (the password from AETHER_PASSWORD or a prompt), or the stored session when no username is given. */
  | { kind: 'password'; username?: string; register: boolean };

export interface MudOptions {
  url: string;
  login: MudLogin;
  /** Where password mode keeps the refresh token between runs (mode 0600). */
  sessionFile: string;
  /** Log the stored session out (server and file) and exit. */
  logout: boolean;
  /** Character to play, by name or id. */
  character?: string;
  create?: { name: string; archetype?: Archetype };
  /** How long to keep listening after piped input ends, so replies get printed. */
  lingerMs: number;
}

export const USAGE = `Usage: npm run mud -- [login] [options]

Login (which one depends on the server's AUTH_MODE):
  --username <name>      password login; the password comes from the
                         AETHER_PASSWORD environment variable or is asked for
                         (typing not shown). Never on the command line, where
                         other users of the machine see it (ps, /proc) and the
                         shell history keeps it.
  --register             create the account (with --username) instead of logging in
  --logout               end the stored session (here and on the server) and exit
  (none of these)        continue the session stored by an earlier --username run
  --name <account>       dev login: the token "dev:<account>", no password
  --token <token>        log in with this handshake token (e.g. from an identity provider)

Options:
  --url <url>            server address (default http://localhost:3100)
  --character <name|id>  play this character
  --create <Name>        create this character (or reuse it if it is yours) and play it
  --archetype <type>     archetype for --create: ${ARCHETYPE_NAMES.join(', ')}
  --linger <ms>          after piped input ends, wait this long for replies (default 1000)
  --session-file <path>  where the password session is kept (default
                         ~/.config/aether/mud-session.json, or AETHER_SESSION_FILE)
  --help                 show this text

Without --character or --create you pick a character from a list.`;

export class UsageError extends Error {}

export interface MudEnvironment {
  AETHER_SESSION_FILE?: string;
  XDG_CONFIG_HOME?: string;
  HOME?: string;
}

/** node:util's parser with the mud's options; throws on an unknown or malformed option. */
function readArgv(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      url: { type: 'string', default: 'http://localhost:3100' },
      name: { type: 'string' },
      token: { type: 'string' },
      username: { type: 'string' },
      register: { type: 'boolean', default: false },
      logout: { type: 'boolean', default: false },
      'session-file': { type: 'string' },
      character: { type: 'string' },
      create: { type: 'string' },
      archetype: { type: 'string' },
      linger: { type: 'string', default: '1000' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

/** Returns undefined when the user asked for --help. */
export function parseMudArgs(argv: readonly string[], env: MudEnvironment = {}): MudOptions | undefined {
  let parsed: ReturnType<typeof readArgv>;
  try {
    parsed = readArgv(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values;
  if (v.help) return undefined;

  const ways = [v.name && '--name', v.token && '--token', v.username && '--username'].filter(Boolean);
  if (ways.length > 1) throw new UsageError(`use one of --name, --token or --username, not ${ways.join(' and ')}`);
  if (v.register && !v.username) throw new UsageError('--register needs --username');
  if (v.logout && (v.name || v.token || v.register || v.create || v.character)) throw new UsageError('--logout takes no other login or character options');
  if (v.character && v.create) throw new UsageError('use either --character or --create, not both');
  if (v.archetype && !v.create) throw new UsageError('--archetype only applies with --create');
  const archetype = v.archetype?.toLowerCase();
  if (archetype !== undefined && !isArchetype(archetype)) {
    throw new UsageError(`--archetype must be one of ${ARCHETYPE_NAMES.join(', ')}`);
  }
  const lingerMs = Number(v.linger);
  if (!Number.isFinite(lingerMs) || lingerMs < 0) throw new UsageError('--linger must be a number of milliseconds');
  try {
    new URL(v.url);
  } catch {
    throw new UsageError(`--url is not a URL: ${v.url}`);
  }

  const token = v.token ?? (v.name ? `dev:${v.name}` : undefined);
  const login: MudLogin = token ? { kind: 'token', token } : { kind: 'password', ...(v.username ? { username: v.username } : {}), register: v.register };
  return {
    url: v.url,
    login,
    sessionFile: v['session-file'] ?? env.AETHER_SESSION_FILE ?? defaultSessionFile(env),
    logout: v.logout,
    ...(v.character ? { character: v.character } : {}),
    ...(v.create ? { create: { name: v.create, ...(archetype ? { archetype } : {}) } } : {}),
    lingerMs,
  };
}

function defaultSessionFile(env: MudEnvironment): string {
  const config = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(config, 'aether', 'mud-session.json');
}

function isArchetype(value: string): value is Archetype {
  return Archetype.safeParse(value).success;
}
