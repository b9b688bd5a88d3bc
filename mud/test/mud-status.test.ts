import { jest } from '@jest/globals';
import { useMudGame } from '../../test/fixtures/mud-process.js';

/**
 * A scripted MUD session against the real embedded game: the status prompt
 * (printed as `Status: [...]` lines when stdin is not a terminal), a fight
 * showing the ATB gauge and the target's health in it, and the tables the
 * client draws for /who, /inventory and /quests.
 */

jest.setTimeout(90_000);

const STATUS = /^Status: \[HP \d+\/\d+ \| ST \d+\/\d+ \| MP \d+\/\d+(?: \|[^\]]*)?\]$/gm;

describe('MUD client status prompt and tables', () => {
  const mud = useMudGame();

  it('shows the status, fights with ATB and target in it, and prints /who, /inventory, /quests and /help as tables and lines', async () => {
    const scout = mud('--name', 'scout', '--create', 'Scout', '--archetype', 'mage', '--linger', '0');
    await scout.waitFor(/^Status: \[HP /m);

    const hunter = mud('--name', 'hunter', '--create', 'Hunter', '--archetype', 'ranger', '--linger', '500');
    await hunter.waitFor(/^Status: \[HP \d+\/\d+ \| ST \d+\/\d+ \| MP \d+\/\d+\]$/m);
    await hunter.waitFor(/^You see Scout \(player\) /m);

    // /who: the server's one line, drawn as a table with where each player is.
    hunter.type('/who');
    await hunter.waitFor(/^2 players in The Crossroads:$/m);
    await hunter.waitFor(/^ {2}Scout +1 {2}mage +(right beside you|\d+ m to the [a-z-]+)$/m);
    expect(hunter.stdout).toMatch(/^ {2}Name +Level {2}Archetype {2}Where$/m);
    expect(hunter.stdout).toMatch(/^ {2}Hunter +1 {2}ranger +you$/m);

    // /inventory and /quests (near Old Tobin, who offers a quest): drawn from the belongings and quest log the server keeps sending.
    hunter.type('/inventory');
    await hunter.waitFor(/^Coins: \d+$/m);
    await hunter.waitFor(/^Bags(: empty \(20 slots\)\.| \(\d+ of 20 slots used\):)$/m);
    // A new character's worn things, if any, are a table; otherwise the line says there are none.
    expect(hunter.stdout).toMatch(/^Equipped: nothing\.$|^Equipped:\n {2}Slot +Item +Details$/m);
    // The quest log comes with the zone's next look at its players' quests (every few ticks after entering).
    hunter.type('wait 1', '/quests');
    await hunter.waitFor(/^ {2}Quest +Status +Objective +Progress +Giver +Reward$/m);
    expect(hunter.stdout).toMatch(/^ {2}Boar Bounty +offered +Kill .*Wild boar +0\/1 +Old Tobin +\d+ coins/m);
    // The table follows the log the server resends after a change.
    hunter.type('/accept boar bounty', 'wait 1', '/quests');
    await hunter.waitFor(/^ {2}Boar Bounty +active +Kill .*Wild boar +0\/1 +Old Tobin +\d+ coins/m);

    // A fight: the prompt gains the gauge and the target's health, which drops as the arrows land.
    hunter.type('/target Wild boar');
    await hunter.waitFor(/^You target the Wild boar \(\d+ m [a-z-]+\)\.$/m);
    await hunter.waitFor(/^Status: \[HP \d+\/\d+ \| ST \d+\/\d+ \| MP \d+\/\d+ \| ATB \d+% \| Wild boar 100%\]$/m);
    hunter.type('approach');
    await hunter.waitFor(/^You start walking [a-z-]+\.$/m);
    await hunter.waitFor(/^You stop at \(\d+, \d+\)\.$/m, 30_000);
    hunter.type('/attack');
    await hunter.waitFor(/^You attack the Wild boar\./m);
    await hunter.waitFor(/^You hit the Wild boar for \d+/m, 30_000);
    await hunter.waitFor(/^Status: \[HP \d+\/\d+ \| ST \d+\/\d+ \| MP \d+\/\d+ \| ATB \d+% \| Wild boar \d{1,2}%\]$/m);
    hunter.type('/disengage');

    // Multi-line server text (/help) comes out one line each.
    hunter.type('/help');
    await hunter.waitFor(/^Commands:$/m);
    await hunter.waitFor(/^ *\/who\b/m);

    hunter.type('quit');
    expect(await hunter.exited).toBe(0);
    expect(hunter.stderr).toBe('');

    // The status line is printed only when it changes.
    const statuses = hunter.stdout.match(STATUS) ?? [];
    expect(statuses.length).toBeGreaterThan(1);
    const repeated = statuses.filter((line, i) => i > 0 && line === statuses[i - 1]);
    expect(repeated).toEqual([]);
    scout.type('quit');
    expect(await scout.exited).toBe(0);
  });
});
