import { parseArgs } from 'node:util';
import { PrismaAccountRepository, type AccountRecord, type Database } from '@aether/shared/db';

/** A database for one command, and how to let go of whatever was started for it. */
export type OpenAccountDatabase = () => Promise<{ database: Database; stop: () => Promise<void> }>;

/** `where` says which database the command uses: the gateway's entry and `npm run account` (standalone) find it differently. */
export function accountUsage(where: string): string {
  return `Usage: npm run account -- <command>

  role <username> <player|admin>   grant (admin) or revoke (player) the admin role
  show <username>                  an account's role, ban and mute

The zone reads the role from the database, so a change applies to the next
admin command; no reconnect needed. ${where}`;
}

/**
 * Administration of accounts from a shell: the admin role (docs/operations.md,
 * "Authentication"). Returns the exit code; the caller's entry point decides
 * where the database comes from.
 */
export async function runAccountCommand(argv: string[], usage: string, openDatabase: OpenAccountDatabase): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  const [command, username, role] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${usage}\n`);
    return values.help ? 0 : 2;
  }
  if (
    !['role', 'show'].includes(command) ||
    !username ||
    (command === 'role' && role !== 'player' && role !== 'admin') ||
    positionals.length > (command === 'role' ? 3 : 2)
  ) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  const { database, stop } = await openDatabase();
  try {
    const accounts = new PrismaAccountRepository(database.client);
    const name = username.toLowerCase();
    const account = command === 'role' ? await accounts.setRole(name, role as 'player' | 'admin') : await accounts.findByUsername(name);
    if (!account) {
      process.stderr.write(`no account is called "${name}"\n`);
      return 1;
    }
    process.stdout.write(`${describe(account)}\n`);
    return 0;
  } finally {
    await database.close();
    await stop();
  }
}

function describe(account: AccountRecord): string {
  const now = Date.now();
  const until = (date: Date | null) => (date && date.getTime() > now ? `until ${date.toISOString()}` : 'no');
  return `${account.username}: role ${account.role}, banned ${until(account.bannedUntil)}${account.banReason ? ` (${account.banReason})` : ''}, muted ${until(account.mutedUntil)}`;
}
