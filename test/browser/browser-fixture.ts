import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { createTestDatabase } from '@aether/testing';
import { startEmbedded, type EmbeddedOptions, type EmbeddedServer } from '@aether/standalone';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps calling out, and this machine's closed network refuses it.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserGame {
  server: EmbeddedServer;
  /** The game's database, for tests that arrange a character before it enters. */
  databaseUrl: string;
  /** One Chromium profile: its pages share storage, as tabs of one browser do. */
  context: BrowserContext;
  /** What the pages reported (console errors, page errors); each test decides what counts. */
  problems: string[];
  close(): Promise<void>;
}

/** An embedded game on a fresh database, and headless Chromium with an empty profile to play it in. */
export async function startBrowserGame(auth?: EmbeddedOptions['auth']): Promise<BrowserGame> {
  const database = await createTestDatabase(process.env.TEST_DATABASE_URL!);
  const server = await startEmbedded({ port: 0, databaseUrl: database.url, logLevel: 'silent', ...(auth ? { auth } : {}) });
  const profile = mkdtempSync(join(tmpdir(), 'aether-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
  });
  const problems: string[] = [];
  return {
    server,
    databaseUrl: database.url,
    context,
    problems,
    async close() {
      // A failed wait says nothing of what the page said; this does.
      if (problems.length > 0) console.log(`browser problems:\n${problems.join('\n')}`);
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      await server.close();
      await database.drop();
    },
  };
}
