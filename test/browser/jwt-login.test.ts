import { jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createTestDatabase } from '@aether/shared/testing';
import { startEmbedded, type EmbeddedServer } from '../../gateway/src/embedded.js';
import { JwksServer, makeSigningKey, type SigningKey } from '../../gateway/test/jwks-server.js';

/**
 * The web client in AUTH_MODE=jwt: a provider's token handed over in the
 * address (#access_token=…) logs straight in and leaves the address; a pasted
 * one works too; a token the server refuses brings the form back.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

jest.setTimeout(90_000);

declare const window: { aether: { connection: string; screen: string; authMode: string; account: string } };
declare const location: { href: string };

describe('web client, OIDC (jwt) login', () => {
  let database: { url: string; drop(): Promise<void> };
  let server: EmbeddedServer;
  let idp: JwksServer;
  let key: SigningKey;
  let context: BrowserContext;
  let profile: string;
  const problems: string[] = [];

  beforeAll(async () => {
    idp = new JwksServer('https://id.browser.test');
    key = await makeSigningKey('browser-key');
    idp.keys = [key];
    await idp.start();
    database = await createTestDatabase(process.env.TEST_DATABASE_URL!);
    server = await startEmbedded({ port: 0, databaseUrl: database.url, logLevel: 'silent', auth: { mode: 'jwt', issuer: idp.issuer, audience: 'aether-game', jwksUrl: idp.url } });
    profile = mkdtempSync(join(tmpdir(), 'aether-chromium-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    if (problems.length > 0) console.log(`browser problems:\n${problems.join('\n')}`);
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await server?.close();
    await database?.drop();
    await idp?.stop();
  });

  async function open(path: string): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(`${server.url}${path}`);
    return page;
  }

  it('logs in with #access_token=… from the address, then takes the token out of the address', async () => {
    const token = await idp.sign(key, { sub: 'browser-1', preferred_username: 'Beatrix' });
    const page = await open(`/#access_token=${token}`);
    await page.waitForSelector('#screen-characters:not([hidden])');
    await page.waitForFunction(() => window.aether.connection === 'connected');
    expect(await page.textContent('#account')).toBe('as Beatrix');
    expect(await page.evaluate(() => location.href)).toBe(`${server.url}/`);
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
    expect(problems).toEqual([]);
  });
});
