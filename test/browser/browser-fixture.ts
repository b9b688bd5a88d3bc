import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createTestDatabase } from '@aether/testing';
import { startEmbedded, type EmbeddedOptions, type EmbeddedServer } from '@aether/standalone';

interface RosterEntry {
  id: string;
  kind: string;
  name: string;
  x: number;
  y: number;
  moving: boolean;
}
interface Self {
  name: string;
  entityId: string;
  x: number;
  y: number;
  moving: boolean;
}
interface LogEntry {
  kind: string;
  text: string;
  tone?: string;
}
/** The read-only hook app.js puts on window (the part every page has; the panels add theirs). */
export interface AetherHook {
  connection: string;
  screen: string;
  self: Self | null;
  roster: RosterEntry[];
  log: LogEntry[];
}
declare const window: { aether: AetherHook };

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

/**
 * startBrowserGame for one `describe`: started before its tests, closed after
 * them. Call at the top of the describe; use what it returns inside the tests.
 */
export function useBrowserGame(auth?: EmbeddedOptions['auth']): BrowserGame {
  let game: BrowserGame | undefined;
  beforeAll(async () => {
    game = await startBrowserGame(auth);
  });
  afterAll(async () => {
    await game?.close();
  });
  const started = () => {
    if (!game) throw new Error('the browser game has not started');
    return game;
  };
  return {
    get server() {
      return started().server;
    },
    get databaseUrl() {
      return started().databaseUrl;
    },
    get context() {
      return started().context;
    },
    get problems() {
      return started().problems;
    },
    close: () => started().close(),
  };
}

/** A tab on the game (the profile's first blank one, else a new one); what its console and page errors say goes into `game.problems` under `label`. */
export async function openPage(game: BrowserGame, label: string): Promise<Page> {
  const page = game.context.pages().find((p) => p.url() === 'about:blank') ?? (await game.context.newPage());
  page.on('console', (message) => {
    if (message.type() === 'error') game.problems.push(`${label} console: ${message.text()}`);
  });
  page.on('pageerror', (error) => game.problems.push(`${label} page error: ${error.message}`));
  await page.goto(game.server.url);
  return page;
}

/**
 * Logs in as `account`, creates `name` of `archetype` and plays it, back once
 * the page is in the game; `arrange` runs after the character is created and
 * before it enters (to change it in the database, say).
 */
export async function enterWorld(page: Page, account: string, name: string, archetype: string, arrange?: () => Promise<void>): Promise<void> {
  await page.fill('#login-name', account);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#screen-characters:not([hidden])');
  await page.waitForFunction(() => window.aether.connection === 'connected');
  await page.fill('#create-name', name);
  await page.selectOption('#create-archetype', archetype);
  await page.click('#create-form button[type=submit]');
  await page.waitForSelector(`button.play[data-character-name="${name}"]`);
  await arrange?.();
  await page.click(`button.play[data-character-name="${name}"]`);
  await page.waitForFunction(() => window.aether.screen === 'game' && window.aether.self !== null);
}
