import { jest } from '@jest/globals';
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createDatabase } from '../../shared/src/db/index.js';
import { enterWorld, openPage, useBrowserGame, type AetherHook } from './browser-fixture.js';

/**
 * The game panels of the web client in headless Chromium against the real
 * embedded server: target frame, ATB and cooldowns, party frame, bags and
 * equipment, quest log, combat text, and a screenshot of them all (saved
 * under the system's temporary folder, its path printed).
 */

jest.setTimeout(180_000);

interface CombatView {
  inCombat: boolean;
  target: { id: string; name: string; health: number } | null;
  atb: number;
  cooldowns?: { id: string; name: string; remaining: number }[];
}
interface Belongings {
  coins: number;
  bagSlots: number;
  bags: { name: string; quantity: number }[];
  equipment: { name: string; slot: string }[];
}
interface Quest {
  id: string;
  name: string;
  status: string;
}
/** The read-only hook app.js puts on window, with the panels' part. */
interface PanelsHook extends AetherHook {
  combat: CombatView | null;
  allies: { name: string; leader: boolean; online: boolean }[];
  belongings: Belongings | null;
  quests: Quest[];
  pvp: { policy: string } | null;
  floaters: { targetId: string; text: string; tone: string }[];
}
declare const window: { aether: PanelsHook };

describe('web client, game panels', () => {
  const game = useBrowserGame();

  /** Types a command into the chat line and leaves it (Escape), so shortcut keys work again. */
  async function command(page: Page, text: string): Promise<void> {
    await page.fill('#command-input', text);
    await page.press('#command-input', 'Enter');
    await page.press('#command-input', 'Escape');
  }

  /** Walks to a point with /move and waits until standing there. */
  async function walkTo(page: Page, x: number, y: number): Promise<void> {
    await command(page, `/move ${x.toFixed(1)} ${y.toFixed(1)}`);
    await page.waitForFunction(
      ([tx, ty]) => {
        const me = window.aether.self;
        return me !== null && !me.moving && Math.hypot(me.x - tx!, me.y - ty!) < 1.5;
      },
      [x, y] as const,
      { timeout: 30_000 },
    );
  }

  /** The log entries so far that match, counted in the page. */
  const countLog = (page: Page, tones: string[]) => page.evaluate((wanted) => window.aether.log.filter((e) => wanted.includes(e.tone ?? '')).length, tones);

  it('show the target, the gauges, the party, the bags, the loot and the quests', async () => {
    const alice = await openPage(game, 'alice');
    // A hardy ranger: the fight with the boar must end with the boar's death (loot, bounty), never hers.
    await enterWorld(alice, 'alice', 'Alice', 'ranger', async () => {
      const db = createDatabase(game.databaseUrl, { poolSize: 1 });
      await db.client.character.update({ where: { name: 'Alice' }, data: { hp: 1000, maxHp: 1000 } });
      await db.close();
    });
    const bob = await openPage(game, 'bob');
    await enterWorld(bob, 'bob', 'Bob', 'warrior');

    // The zone's PvP rule sits next to its name (the crossroads allow duels).
    await alice.waitForSelector('[data-status="zone"] .pvp.pvp-duel:has-text("Duels")');

    // A party: Alice invites, Bob accepts; each sees the other in the party frame with gauges, the leader marked.
    await bob.waitForFunction(() => window.aether.roster.some((e) => e.name === 'Alice'));
    await command(alice, '/party invite Bob');
    await bob.waitForFunction(() => window.aether.log.some((e) => /invit/i.test(e.text)));
    await command(bob, '/party accept');
    await alice.waitForSelector('#party:not([hidden]) .ally:has-text("Bob") .bar.hp .value:not(:empty)', { timeout: 15_000 });
    await bob.waitForSelector('#party:not([hidden]) .ally.leader:has-text("Alice") .ally-leader');
    expect(await alice.locator('#party .ally').count()).toBe(1);
    expect(await alice.textContent('#party .ally .bar.hp .value')).toMatch(/^\d+\/\d+$/);

    // Shortcut keys do nothing while typing in the chat line…
    await alice.click('#command-input');
    await alice.keyboard.type('il');
    expect(await alice.isHidden('#inventory')).toBe(true);
    expect(await alice.isHidden('#quest-log')).toBe(true);
    await alice.fill('#command-input', '');
    await alice.press('#command-input', 'Escape');
    // …and open the bags (I) otherwise; the Bags button toggles them too. A new character has 10 coins.
    await alice.keyboard.press('i');
    await alice.waitForSelector('#inventory:not([hidden])');
    expect(await alice.getAttribute('#toggle-inventory', 'aria-pressed')).toBe('true');
    await alice.click('#toggle-inventory');
    await alice.waitForSelector('#inventory', { state: 'hidden' });
    await alice.click('#toggle-inventory');
    await alice.waitForSelector('#inventory .coins:has-text("10 coins")');
    expect(await alice.locator('#inventory .equip-slot').count()).toBe(5);
    const belongings = (await alice.evaluate(() => window.aether.belongings))!;
    expect(await alice.locator('#inventory .bag-slot').count()).toBe(belongings.bagSlots);
    for (const stack of belongings.bags) await alice.waitForSelector(`#inventory .bag-slot .item-name:has-text("${stack.name}")`);
    for (const stack of belongings.equipment) await alice.waitForSelector(`#inventory .equip-slot[data-slot="${stack.slot}"]:has-text("${stack.name}")`);

    // Old Tobin, a few steps from the spawn, offers the boar bounty: the quest log (L) shows it with Accept.
    await walkTo(alice, 106.5, 102.5);
    await alice.keyboard.press('l');
    await alice.waitForSelector('#quest-log:not([hidden]) .quest-offered:has-text("Boar Bounty") button:has-text("Accept")', { timeout: 10_000 });
    await alice.click('#quest-log .quest-offered:has-text("Boar Bounty") button:has-text("Accept")');
    await alice.waitForSelector('#quest-log .quest-active:has-text("Boar Bounty") .bar.progress .value:has-text("0/1")', { timeout: 10_000 });
    // Escape closes both windows.
    await alice.keyboard.press('Escape');
    await alice.waitForSelector('#inventory', { state: 'hidden' });
    await alice.waitForSelector('#quest-log', { state: 'hidden' });

    // The nearest wild boar (it stands and fights, where a rabbit would flee out of range),
    // walked up to within bow range, then targeted by clicking its row in Nearby.
    const creature = await alice.evaluate(() => {
      const me = window.aether.self!;
      const boars = window.aether.roster.filter((e) => e.kind === 'wildlife' && e.name === 'Wild boar');
      boars.sort((a, b) => Math.hypot(a.x - me.x, a.y - me.y) - Math.hypot(b.x - me.x, b.y - me.y));
      return boars[0] ?? null;
    });
    expect(creature).not.toBeNull();
    const me = (await alice.evaluate(() => window.aether.self))!;
    const distance = Math.hypot(creature!.x - me.x, creature!.y - me.y);
    if (distance > 18) {
      const f = (distance - 15) / distance;
      await walkTo(alice, me.x + (creature!.x - me.x) * f, me.y + (creature!.y - me.y) * f);
    }
    await alice.click(`#roster-list .roster-row[data-entity-id="${creature!.id}"]`);
    await alice.waitForSelector(`#target-frame:not([hidden])[data-target-id="${creature!.id}"]`);
    expect(await alice.textContent('#target-frame .target-name')).toBe(creature!.name);
    expect(await alice.textContent('#target-frame .target-health .value')).toBe('100%');
    await alice.waitForSelector(`#roster-list .roster-row.targeted[data-entity-id="${creature!.id}"]`);

    // Attack with the frame's button, then Aimed Shot once the gauge allows: the fight shows in the
    // frame, the gauge, the cooldowns, and the log (our blows and the boar's coloured apart).
    await alice.click('#target-frame button:has-text("Attack")');
    await alice.waitForSelector('#target-frame.in-combat', { timeout: 15_000 });
    await alice.waitForSelector('#combat-state.in-combat .bar.atb .value');
    await alice.waitForFunction(() => (window.aether.combat?.atb ?? 0) >= 40, undefined, { timeout: 15_000 });
    await command(alice, '/ability aimed');
    await alice.waitForSelector('#combat-state .cooldowns .chip:has-text("Aimed Shot") .chip-value', { timeout: 10_000 });
    await alice.waitForSelector('#log .tone-out, #log .tone-miss');
    const atb = Number(await alice.textContent('#combat-state .bar.atb .value'));
    expect(atb).toBeGreaterThanOrEqual(0);
    expect(atb).toBeLessThanOrEqual(100);
    // A picture while numbers float over the map: just after the next blow either way.
    const blows = await countLog(alice, ['in', 'out']);
    await alice.waitForFunction((n) => window.aether.log.filter((e) => e.tone === 'in' || e.tone === 'out').length > n, blows, { timeout: 10_000 });
    await alice.waitForTimeout(150);
    const floating = await alice.evaluate(() => window.aether.floaters);
    expect(floating.some((floater) => floater.targetId === creature!.id || floater.targetId === me.entityId)).toBe(true);
    const fight = join(tmpdir(), `aether-ui-combat-${process.pid}.png`);
    await alice.screenshot({ path: fight });
    console.log(`ui combat screenshot: ${fight}`);

    // Fight on until the boar dies; the loot window lists the drop (a boar always leaves its pelt),
    // Take all empties and closes it.
    await alice.waitForFunction(() => window.aether.log.some((e) => e.tone === 'death' && e.text.includes('Wild boar')), undefined, { timeout: 90_000 });
    await alice.waitForSelector('#loot:not([hidden]) .loot-item:has-text("Boar Pelt")', { timeout: 10_000 });
    expect(await alice.textContent('#loot [data-loot="expires"]')).toMatch(/^Gone in /);
    await alice.click('#loot button:has-text("Take all")');
    await alice.waitForSelector('#loot', { state: 'hidden', timeout: 10_000 });
    await alice.keyboard.press('i');
    await alice.waitForSelector('#inventory .bag-slot .item-name:has-text("Boar Pelt")', { timeout: 10_000 });
    // The bounty is ready: back to Old Tobin, Turn in, and wear the reward by clicking it.
    await alice.keyboard.press('l');
    await alice.waitForSelector('#quest-log .quest-ready:has-text("Boar Bounty") button:has-text("Turn in")', { timeout: 10_000 });
    await walkTo(alice, 106.5, 102.5);
    await alice.click('#quest-log .quest-ready:has-text("Boar Bounty") button:has-text("Turn in")');
    await alice.waitForSelector('#quest-log .quest-done:has-text("Boar Bounty")', { timeout: 10_000 });
    await alice.waitForSelector('#inventory .coins:has-text("20 coins")');
    await alice.click('#inventory .bag-slot .item-button:has-text("Tusker Boots")');
    await alice.waitForSelector('#inventory .equip-slot[data-slot="feet"]:has-text("Tusker Boots")', { timeout: 10_000 });

    // A duel with Bob (both near the spawn again): the status shows whom Alice duels.
    await walkTo(bob, 104, 102.5);
    await command(alice, '/duel Bob');
    await bob.waitForFunction(() => window.aether.log.some((e) => /duel/i.test(e.text) && e.text.includes('Alice')));
    await command(bob, '/duel accept');
    await alice.waitForSelector('[data-status="zone"] .pvp.duel:has-text("Duel: Bob")', { timeout: 10_000 });

    // The bags and the quest log open for the picture of the panels.
    if (await alice.isHidden('#inventory')) await alice.keyboard.press('i');
    if (await alice.isHidden('#quest-log')) await alice.keyboard.press('l');
    await alice.waitForSelector('#quest-log:not([hidden])');
    await alice.waitForSelector('#inventory:not([hidden])');
    await alice.waitForTimeout(300);
    const picture = join(tmpdir(), `aether-ui-panels-${process.pid}.png`);
    await alice.screenshot({ path: picture });
    console.log(`ui panels screenshot: ${picture}`);
    expect(statSync(picture).size).toBeGreaterThan(20_000);

    // Bob leaves the game: his party entry greys out, marked offline.
    await bob.close();
    await alice.waitForSelector('#party .ally.offline:has-text("Bob") .ally-where:has-text("offline")', { timeout: 20_000 });

    expect(await alice.evaluate(() => window.aether.connection)).toBe('connected');
    expect(game.problems).toEqual([]);
  });
});
