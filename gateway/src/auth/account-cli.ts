#!/usr/bin/env node
import { createDatabase } from '@aether/shared/db';
import { describeErrorChain } from '@aether/shared/process';
import { accountUsage, runAccountCommand } from './account-command.js';

// The gateway image's entry (`kubectl exec` into a gateway pod): the pod always has DATABASE_URL.
// `npm run account` on a development machine is standalone/dist/account-cli.js, which can also find `make dev`'s database.
const USAGE = accountUsage('Uses DATABASE_URL.');

runAccountCommand(process.argv.slice(2), USAGE, async () => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (on a development machine, `npm run account` also finds the database of `make dev`)');
  return { database: createDatabase(url, { poolSize: 1 }), stop: async () => {} };
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`aether account: ${describeErrorChain(error)}\n`);
    process.exit(1);
  },
);
