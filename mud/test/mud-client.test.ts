import { jest } from '@jest/globals';
import { useMudGame } from '../../test/fixtures/mud-process.js';

/**
 * The terminal client as players run it: the compiled `npm run mud` entry
 * point in a child process, fed through a pipe, against a real embedded server.
 */

jest.setTimeout(60_000);

describe('MUD client', () => {
  const mud = useMudGame();

  it('plays a piped script: room description, /look, /say, then leaves cleanly', async () => {
    const player = mud('--name', 'piper', '--create', 'Piper', '--archetype', 'mage', '--linger', '1500');
    player.type('/look', '/say hello', '/nosuchcommand');
    player.endInput();
    expect(await player.exited).toBe(0);

    const out = player.stdout;
    expect(out).toContain('Created Piper, a mage.');
    expect(out).toMatch(/^== .+ ==$/m);
    expect(out).toMatch(/^You are Piper, a level 1 mage, standing at \(-?\d+, -?\d+\) and facing [a-z-]+\.$/m);
    expect(out).toMatch(/^HP \d+\/\d+ · Stamina \d+\/\d+ · Mana \d+\/\d+$/m);
    expect(out).toMatch(/^You are in .+ at \(/m);
    expect(out).toMatch(/^You say, "hello"$/m);
    expect(out).toMatch(/^! .*nosuchcommand/im);
    // Lines come out in the order the server answered the script.
    expect(out.indexOf('You are in')).toBeLessThan(out.indexOf('You say, "hello"'));
    expect(player.stderr).toBe('');
  });

  it('running the same --create again reuses the character instead of failing', async () => {
    const first = mud('--name', 'again', '--create', 'Again', '--linger', '0');
    first.endInput();
    expect(await first.exited).toBe(0);
    const second = mud('--name', 'again', '--create', 'Again', '--linger', '300');
    second.type('/look');
    second.endInput();
    expect(await second.exited).toBe(0);
    expect(second.stdout).not.toContain('already taken');
    expect(second.stdout).toMatch(/^You are Again, /m);
  });

  it('narrates another player arriving, speaking, walking and leaving', async () => {
    const watcher = mud('--name', 'watcher', '--create', 'Watcher', '--linger', '0');
    await watcher.waitFor(/^== .+ ==$/m);

    const visitor = mud('--name', 'visitor', '--create', 'Visitor', '--linger', '500');
    visitor.type('/say hello', 'n', 'wait 1', 'stop');
    visitor.endInput();

    await watcher.waitFor(/^Visitor \(player\) arrives (right beside you|\d+ m to the [a-z-]+)\.$/m);
    await watcher.waitFor(/^Visitor says, "hello"$/m);
    await watcher.waitFor(/^Visitor starts walking north\.$/m);
    await watcher.waitFor(/^Visitor stops \d+ m to the [a-z-]+\.$/m);
    expect(await visitor.exited).toBe(0);
    expect(visitor.stdout).toMatch(/^You start walking north\.$/m);
    await watcher.waitFor(/^Visitor leaves\.$/m);

    watcher.type('quit');
    expect(await watcher.exited).toBe(0);
    expect(watcher.stdout).toMatch(/^Goodbye\.$/m);
  });

  it('exits with an error when the character does not exist', async () => {
    const lost = mud('--name', 'lost', '--character', 'Nobody');
    lost.endInput();
    expect(await lost.exited).toBe(1);
    expect(lost.stdout).toMatch(/^! You have no character called Nobody\. You have no characters yet\.$/m);
  });

  it('a refused login is reported, not retried forever', async () => {
    const refused = mud('--token', 'not-a-dev-token');
    expect(await refused.exited).toBe(1);
    expect(refused.stdout).toMatch(/^! The server refused the login: .+/m);
  });
});
