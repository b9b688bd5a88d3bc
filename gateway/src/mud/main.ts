#!/usr/bin/env node
import { createInterface, clearLine, cursorTo } from 'node:readline';
import { io } from 'socket.io-client';
import { clientParser, PROTOCOL_VERSION } from '@aether/shared/wire';
import { USAGE, UsageError, parseMudArgs, type MudOptions } from './args.js';
import { MudSession, type MudIo, type MudSocket } from './session.js';

/** Terminal client: `npm run mud -- --name ann --character Ann`. See docs/clients.md. */

function readOptions(): MudOptions {
  try {
    const options = parseMudArgs(process.argv.slice(2));
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

function main(): void {
  const options = readOptions();
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const rl = createInterface({ input: process.stdin, output: interactive ? process.stdout : undefined, terminal: interactive });
  let prompting = false;

  const stdio: MudIo = {
    print(line) {
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
    auth: { token: options.token, protocol: PROTOCOL_VERSION },
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

main();
