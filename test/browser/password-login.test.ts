import { jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createTestDatabase } from '@aether/shared/testing';
import { startEmbedded, type EmbeddedServer } from '../../gateway/src/embedded.js';

/**
 * The web client against an embedded server in AUTH_MODE=password: register,
 * a reload stays logged in (the stored refresh token), the socket reconnects
 * with a fresh access token, log out forgets the session on both sides.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

jest.setTimeout(90_000);

declare const window: { aether: { connection: string; screen: string; authMode: string; account: string } };
declare const localStorage: { getItem(key: string): string | null };

describe('web client, password login', () => {
  let database: { url: string; drop(): Promise<void> };
  let server: EmbeddedServer;
  let context: BrowserContext;
  let profile: string;
  const problems: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(process.env.TEST_DATABASE_URL!);
    server = await startEmbedded({
      port: 0,
      databaseUrl: database.url,
      logLevel: 'silent',
      // A short access token: the page must refresh it on its own while the test runs.
      auth: { mode: 'password', tokenSecret: 'browser-test-secret-0123456789abcdefghij', accessTokenTtlSeconds: 62 },
    });
    profile = mkdtempSync(join(tmpdir(), 'aether-chromium-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 } });
  });

  afterAll(async () => {
    if (problems.length > 0) console.log(`browser problems:\n${problems.join('\n')}`);
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await server?.close();
    await database?.drop();
  });

  async function openPage(): Promise<Page> {
    const page = context.pages().find((p) => p.url() === 'about:blank') ?? (await context.newPage());
    page.on('console', (message) => {
      // The refused login below is an expected 401 the browser reports as a failed resource.
      if (message.type() === 'error' && !/status of 401/.test(message.text())) problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(server.url);
    return page;
  }

  const storedSession = (page: Page) => page.evaluate(() => localStorage.getItem('aether.session'));

  it('registers, stays logged in across a reload, and logs out', async () => {
    const page = await openPage();
    await page.waitForFunction(() => window.aether.authMode === 'password');
    // Password mode shows username and password, not the dev name field.
    expect(await page.isVisible('#login-name')).toBe(false);
    await page.fill('#login-username', 'Winnie');
    await page.fill('#login-password', 'a long enough password');
    await page.click('#register');
    await page.waitForSelector('#screen-characters:not([hidden])');
    await page.waitForFunction(() => window.aether.connection === 'connected');
    expect(await page.textContent('#account')).toBe('as winnie');
    expect(await page.inputValue('#login-password')).toBe('');
    const first = JSON.parse((await storedSession(page))!);
    expect(first).toEqual({ refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), username: 'winnie' });
    await page.fill('#create-name', 'Winnow');
    await page.click('#create-form button[type=submit]');
    await page.waitForSelector('button.play[data-character-name="Winnow"]');

    // A reload logs straight back in with the stored refresh token (rotated on the way).
    await page.reload();
    await page.waitForSelector('#screen-characters:not([hidden])');
    await page.waitForSelector('button.play[data-character-name="Winnow"]');
    expect(await page.textContent('#account')).toBe('as winnie');
    const second = JSON.parse((await storedSession(page))!);
    expect(second.refreshToken).not.toBe(first.refreshToken);

    // The access token lives 62 s and is renewed a minute early: within a few seconds the page has rotated again by itself.
    await page.waitForFunction((before) => JSON.parse(localStorage.getItem('aether.session') ?? '{}').refreshToken !== before, second.refreshToken, { timeout: 15_000 });
    expect(await page.evaluate(() => window.aether.connection)).toBe('connected');

    // Log out: back to the form, the browser forgets the session and the server revokes it.
    const beforeLogout = JSON.parse((await storedSession(page))!);
    await page.click('#logout');
    await page.waitForSelector('#screen-login:not([hidden])');
    expect(await storedSession(page)).toBeNull();
    const refused = await fetch(`${server.url}/api/auth/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: beforeLogout.refreshToken }) });
    expect(refused.status).toBe(401);
    await page.reload();
    await page.waitForFunction(() => window.aether.authMode === 'password');
    await page.waitForSelector('#login-username');
    expect(await page.evaluate(() => window.aether.screen)).toBe('login');

    // Logging in again with the password reaches the same characters; a wrong one says so without saying which part.
    await page.fill('#login-username', 'winnie');
    await page.fill('#login-password', 'not the password at all');
    await page.click('#login-submit');
    await page.waitForSelector('#login-message:has-text("Wrong username or password.")');
    await page.fill('#login-password', 'a long enough password');
    await page.click('#login-submit');
    await page.waitForSelector('button.play[data-character-name="Winnow"]');
    expect(problems).toEqual([]);
  });
});
