#!/usr/bin/env node
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createDatabase, DEFAULT_EMBEDDED_PORT, PrismaAccountRepository, startEmbeddedPostgres, type AccountRecord, type Database } from '@aether/shared/db';
import { describeErrorChain } from '@aether/shared/process';

export const USAGE = `Usage: npm run account -- <command>

  role <username> <player|admin>   grant (admin) or revoke (player) the admin role
  show <username>                  an account's role, ban and mute

The zone reads the role from the database, so a change applies to the next
admin command; no reconnect needed. Uses DATABASE_URL; without it, the
database of \`make dev\` (the running one on port ${DEFAULT_EMBEDDED_PORT}, or
the embedded PostgreSQL under DATA_DIR, default .data, started for the command).`;

/** Administration of accounts from a shell: the admin role (docs/operations.md, "Authentication"). */
async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  const [command, username, role] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  if (!['role', 'show'].includes(command) || !username || (command === 'role' && role !== 'player' && role !== 'admin') || positionals.length > (command === 'role' ? 3 : 2)) {
    process.stderr.write(`${USAGE}\n`);
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

async function openDatabase(): Promise<{ database: Database; stop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) return { database: createDatabase(url, { poolSize: 1 }), stop: async () => {} };
  // `make dev` running: its embedded PostgreSQL listens on loopback with fixed credentials (shared/src/db/embedded-postgres.ts).
  const running = createDatabase(`postgresql://aether:aether@127.0.0.1:${DEFAULT_EMBEDDED_PORT}/aether`, { poolSize: 1 });
  try {
    await running.client.$queryRaw`SELECT 1`;
    return { database: running, stop: async () => {} };
  } catch {
    await running.close();
  }
  const dataDir = resolve(join(process.env.DATA_DIR ?? '.data', 'postgres'));
  const postgres = await startEmbeddedPostgres({ dataDir, log: () => {} });
  return { database: createDatabase(postgres.url, { poolSize: 1 }), stop: () => postgres.stop() };
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`aether account: ${describeErrorChain(error)}\n`);
    process.exit(1);
  },
);
