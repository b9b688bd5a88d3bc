#!/usr/bin/env node
import { createInterface, clearLine, cursorTo } from 'node:readline';
import { io } from 'socket.io-client';
import { clientParser, PROTOCOL_VERSION } from '@aether/shared/wire';
import { USAGE, UsageError, parseMudArgs, type MudOptions } from './args.js';
import { printable } from './format.js';
import { truncateToWidth } from './text-width.js';
import { readHiddenLine } from './hidden-prompt.js';
import { LoginError, PasswordLogin } from './password-login.js';
import { SessionFile } from './session-file.js';
import { MudSession, type MudIo, type MudSocket } from './session.js';

/** Terminal client: `npm run mud -- --name ann --character Ann`. See docs/clients.md. */

function readOptions(): MudOptions {
  try {
    const options = parseMudArgs(process.argv.slice(2), process.env);
    if (!options) {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    return options;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
}

/**
 * Settles how each handshake gets its token: as given (--name, --token), or
 * from password login (--username, or the stored session). Also runs
 * --logout. Undefined when there is nothing more to do.
 */
async function login(options: MudOptions, interactive: boolean): Promise<(() => Promise<string>) | undefined> {
  if (options.login.kind === 'token') {
    const token = options.login.token;
    return async () => token;
  }
  const session = new PasswordLogin(options.url, new SessionFile(options.sessionFile));
  if (options.logout) {
    const ended = await session.logout();
    process.stdout.write(ended ? 'Logged out.\n' : `No stored session for ${options.url}.\n`);
    return undefined;
  }
  const { username, register } = options.login;
  if (!register && (await session.resume(username))) {
    process.stdout.write(`Logged in as ${session.username} (stored session).\n`);
    return () => session.token();
  }
  if (!username) throw new UsageError(`no stored session for ${options.url}: log in with --username <name> (or --name <name> on a dev server)`);
  // Read once and dropped from the environment, so nothing this process starts inherits it.
  let password = process.env.AETHER_PASSWORD || undefined; // empty counts as unset, as everywhere in Aether
  delete process.env.AETHER_PASSWORD;
  if (password === undefined) {
    if (!interactive) throw new LoginError('no_password', 'no password: set AETHER_PASSWORD, or run in a terminal to be asked for it');
    password = await readHiddenLine(`Password for ${username}: `);
  }
  await session.login(username, password, register);
  process.stdout.write(`${register ? 'Registered and logged in' : 'Logged in'} as ${session.username}.\n`);
  return () => session.token();
}

async function main(): Promise<void> {
  const options = readOptions();
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  let getToken: (() => Promise<string>) | undefined;
  try {
    getToken = await login(options, interactive);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}\n`);
      process.exit(2);
    }
    process.stdout.write(`! ${error instanceof LoginError ? error.message : `Login failed: ${(error as Error).message}`}\n`);
    process.exit(1);
  }
  if (!getToken) process.exit(0);
  const token = getToken;
  const rl = createInterface({ input: process.stdin, output: interactive ? process.stdout : undefined, terminal: interactive });
  let prompting = false;

  const stdio: MudIo = {
    print(text) {
      // Every line, from the server or not, without escape sequences or bidi tricks (format.ts).
      const line = printable(text).join('\n');
      if (!interactive || !prompting) {
        process.stdout.write(`${line}\n`);
        return;
      }
      // Server text arrives while the player is typing: print above the prompt, then redraw it with their input.
      clearLine(process.stdout, 0);
      cursorTo(process.stdout, 0);
      process.stdout.write(`${line}\n`);
      rl.prompt(true);
    },
    ready(prompt) {
      if (!interactive) return;
      rl.setPrompt(prompt);
      prompting = true;
      rl.prompt(true);
    },
    status(text) {
      if (!interactive) {
        // Scripts read it as a line of its own, printed only when it changes.
        process.stdout.write(`Status: ${text}\n`);
        return;
      }
      // The status is the prompt, kept to one row (the redraw above clears one), with a little room to start typing.
      const room = Math.max(20, (process.stdout.columns || 80) - 12);
      rl.setPrompt(`${truncateToWidth(text, room)} > `);
      if (!prompting) return;
      clearLine(process.stdout, 0);
      cursorTo(process.stdout, 0);
      rl.prompt(true);
    },
    done(exitCode, farewell) {
      if (interactive && prompting) {
        clearLine(process.stdout, 0);
        cursorTo(process.stdout, 0);
      }
      prompting = false;
      if (farewell) process.stdout.write(`${farewell}\n`);
      rl.close();
      process.stdout.write('', () => process.exit(exitCode));
    },
  };

  const socket: MudSocket = io(options.url, {
    // Asked before every connect and reconnect: password mode renews the access token when it is about to expire.
    auth: (send) => {
      token().then(
        (value) => send({ token: value, protocol: PROTOCOL_VERSION }),
        (error: unknown) => {
          // Sent without a token the server refuses the handshake; this line says why.
          stdio.print(`! ${(error as Error).message}`);
          send({ protocol: PROTOCOL_VERSION });
        },
      );
    },
    autoConnect: false,
    reconnectionDelayMax: 5_000,
    parser: clientParser,
  });
  const session = new MudSession(socket, options, stdio);
  rl.on('line', (line) => {
    session.input(line);
    if (interactive && prompting) rl.prompt();
  });
  rl.on('close', () => session.endInput());
  rl.on('SIGINT', () => session.finish(0));
  process.on('SIGTERM', () => session.finish(0));
  session.start();
}

void main();
