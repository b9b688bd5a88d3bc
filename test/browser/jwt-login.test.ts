import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { startBrowserGame, type BrowserGame } from './browser-fixture.js';
import { JwksServer, makeSigningKey, type SigningKey } from '../../gateway/test/jwks-server.js';

/**
 * The web client in AUTH_MODE=jwt: a provider's token handed over in the
 * address (#access_token=…) logs straight in and leaves the address; a pasted
 * one works too; a token the server refuses brings the form back.
 */

jest.setTimeout(90_000);

declare const window: { aether: { connection: string; screen: string; authMode: string; account: string } };
declare const location: { href: string };

describe('web client, OIDC (jwt) login', () => {
  let idp: JwksServer;
  let key: SigningKey;
  let game: BrowserGame;

  beforeAll(async () => {
    idp = new JwksServer('https://id.browser.test');
    key = await makeSigningKey('browser-key');
    idp.keys = [key];
    await idp.start();
    game = await startBrowserGame({ mode: 'jwt', issuer: idp.issuer, audience: 'aether-game', jwksUrl: idp.url });
  });

  afterAll(async () => {
    await game?.close();
    await idp?.stop();
  });

  async function open(path: string): Promise<Page> {
    const page = await game.context.newPage();
    page.on('pageerror', (error) => game.problems.push(`page error: ${error.message}`));
    await page.goto(`${game.server.url}${path}`);
    return page;
  }

  it('logs in with #access_token=… from the address, then takes the token out of the address', async () => {
    const token = await idp.sign(key, { sub: 'browser-1', preferred_username: 'Beatrix' });
    const page = await open(`/#access_token=${token}`);
    await page.waitForSelector('#screen-characters:not([hidden])');
    await page.waitForFunction(() => window.aether.connection === 'connected');
    expect(await page.textContent('#account')).toBe('as Beatrix');
    expect(await page.evaluate(() => location.href)).toBe(`${game.server.url}/`);
    await page.close();
  });

  it('takes a pasted token; a refused one brings the form back with the reason', async () => {
    const page = await open('/');
    await page.waitForFunction(() => window.aether.authMode === 'jwt');
    expect(await page.isVisible('#login-username')).toBe(false);
    await page.fill('#login-token', await idp.sign(key, { sub: 'browser-2' }, { audience: 'another-app' }));
    await page.click('#login-submit');
    await page.waitForSelector('#login-message:has-text("not valid for this server")');
    await page.fill('#login-token', await idp.sign(key, { sub: 'browser-2', preferred_username: 'Pasted' }));
    await page.click('#login-submit');
    await page.waitForSelector('#screen-characters:not([hidden])');
    expect(await page.textContent('#account')).toBe('as Pasted');
    await page.click('#logout');
    await page.waitForSelector('#screen-login:not([hidden])');
    await page.reload();
    await page.waitForSelector('#login-token');
    expect(await page.evaluate(() => window.aether.screen)).toBe('login');
    expect(game.problems).toEqual([]);
  });
});
