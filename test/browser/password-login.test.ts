import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { startBrowserGame, type BrowserGame } from './browser-fixture.js';

/**
 * The web client against an embedded server in AUTH_MODE=password: register,
 * a reload stays logged in (the stored refresh token), the socket reconnects
 * with a fresh access token, log out forgets the session on both sides.
 */

jest.setTimeout(90_000);

declare const window: { aether: { connection: string; screen: string; authMode: string; account: string } };
declare const localStorage: { getItem(key: string): string | null };

describe('web client, password login', () => {
  let game: BrowserGame;

  beforeAll(async () => {
    // A short access token: the page must refresh it on its own while the test runs.
    game = await startBrowserGame({ mode: 'password', tokenSecret: 'browser-test-secret-0123456789abcdefghij', accessTokenTtlSeconds: 62 });
  });

  afterAll(async () => {
    await game?.close();
  });

  async function openPage(): Promise<Page> {
    const page = game.context.pages().find((p) => p.url() === 'about:blank') ?? (await game.context.newPage());
    page.on('console', (message) => {
      // The refused login below is an expected 401 the browser reports as a failed resource.
      if (message.type() === 'error' && !/status of 401/.test(message.text())) game.problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => game.problems.push(`page error: ${error.message}`));
    await page.goto(game.server.url);
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
    await page.waitForFunction((before) => JSON.parse(localStorage.getItem('aether.session') ?? '{}').refreshToken !== before, second.refreshToken, {
      timeout: 15_000,
    });
    expect(await page.evaluate(() => window.aether.connection)).toBe('connected');

    // Log out: back to the form, the browser forgets the session and the server revokes it.
    const beforeLogout = JSON.parse((await storedSession(page))!);
    await page.click('#logout');
    await page.waitForSelector('#screen-login:not([hidden])');
    expect(await storedSession(page)).toBeNull();
    const refused = await fetch(`${game.server.url}/api/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: beforeLogout.refreshToken }),
    });
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
    expect(game.problems).toEqual([]);
  });
});
