import { jest } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { enterWorld, openPage, useBrowserGame, type AetherHook } from './browser-fixture.js';

/**
 * Two players in headless Chromium against the real embedded server: log in,
 * create and select characters, walk, talk, and see each other through the
 * page's state (`window.aether`) rather than through pixels.
 */

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-results');

jest.setTimeout(90_000);

declare const window: { aether: AetherHook };

describe('web client, two players', () => {
  const game = useBrowserGame();

  const rosterEntry = (page: Page, name: string) => page.evaluate((wanted) => window.aether.roster.find((e) => e.name === wanted) ?? null, name);

  it('see each other arrive, move, and talk', async () => {
    const alice = await openPage(game, 'alice');
    await enterWorld(alice, 'alice', 'Alice', 'mage');
    const bob = await openPage(game, 'bob');
    await enterWorld(bob, 'bob', 'Bob', 'ranger');

    // Alice's page learns of Bob through a roster delta (he arrived after her).
    await alice.waitForFunction(() => window.aether.roster.some((e) => e.name === 'Bob' && e.kind === 'player'));
    await bob.waitForFunction(() => window.aether.roster.some((e) => e.name === 'Alice'));
    await alice.waitForSelector('#roster-list .roster-row.kind-player:has-text("Bob")');
    const before = (await rosterEntry(alice, 'Bob'))!;
    const bobSelf = (await bob.evaluate(() => window.aether.self))!;
    expect(before.id).toBe(bobSelf.entityId);

    // Bob walks east with the keyboard: one keydown, one keyup, so one move and one stop.
    await bob.keyboard.down('d');
    await alice.waitForFunction(
      // Alice's client carries Bob forward between frames, so this can be true a little before it is on the server.
      (x0) => window.aether.roster.some((e) => e.name === 'Bob' && e.moving && e.x > x0 + 3),
      before.x,
      { timeout: 10_000 },
    );
    await bob.keyboard.up('d');
    await alice.waitForFunction(() => window.aether.roster.some((e) => e.name === 'Bob' && !e.moving));
    const afterKeys = (await rosterEntry(alice, 'Bob'))!;
    const bobAfterKeys = (await bob.evaluate(() => window.aether.self))!;
    expect(afterKeys.x).toBeGreaterThan(before.x + 2);
    expect(Math.abs(afterKeys.y - before.y)).toBeLessThan(0.5);
    // Alice's view of Bob and Bob's own view agree once he has stopped.
    expect(Math.hypot(afterKeys.x - bobAfterKeys.x, afterKeys.y - bobAfterKeys.y)).toBeLessThan(0.2);

    // Bob clicks on the map 80 px above the centre (north of himself), and walks there.
    const box = (await bob.locator('#map').boundingBox())!;
    await bob.mouse.click(box.x + box.width / 2, box.y + box.height / 2 - 80);
    await alice.waitForFunction((y0) => window.aether.roster.some((e) => e.name === 'Bob' && e.y > y0 + 2 && !e.moving), afterKeys.y, { timeout: 15_000 });

    // Chat and errors show up in the other page's log, distinctly.
    await alice.fill('#command-input', 'hello Bob');
    await alice.press('#command-input', 'Enter');
    await bob.waitForFunction(() => window.aether.log.some((e) => e.kind === 'event' && e.text === 'Alice says, "hello Bob"'));
    await alice.fill('#command-input', '/look');
    await alice.press('#command-input', 'Enter');
    await alice.fill('#command-input', '/nosuchcommand');
    await alice.press('#command-input', 'Enter');
    await alice.waitForFunction(() => window.aether.log.some((e) => e.kind === 'error' && e.text.includes('nosuchcommand')));
    await alice.waitForSelector('#log .log-error:has-text("nosuchcommand")');
    const look = await alice.evaluate(() => window.aether.log.find((e) => e.text.startsWith('You are in')));
    expect(look?.text).toContain('Bob (player)');

    // /help shows one command per line (the log keeps the server's line breaks).
    await alice.fill('#command-input', '/help');
    await alice.press('#command-input', 'Enter');
    const help = alice.locator('#log .log-text', { hasText: 'Commands:' });
    await help.waitFor();
    // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered is the point (CSS keeps the line breaks).
    const shown = (await help.innerText()).split('\n');
    expect(shown).toEqual(expect.arrayContaining(['Chat:', 'Combat:', expect.stringMatching(/^ {2}\/attack \[name\] \[ordinal\] — /)]));

    mkdirSync(RESULTS, { recursive: true });
    await alice.waitForTimeout(300); // let the map's smoothing settle before the picture
    await alice.screenshot({ path: join(RESULTS, 'two-players-alice.png') });
    await bob.screenshot({ path: join(RESULTS, 'two-players-bob.png') });
    await alice.click('#whole-zone');
    await alice.waitForTimeout(100);
    await alice.screenshot({ path: join(RESULTS, 'two-players-alice-zone.png') });

    expect(await alice.evaluate(() => window.aether.connection)).toBe('connected');
    expect(game.problems).toEqual([]);
  });
});
