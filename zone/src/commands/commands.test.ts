import { player, testZone } from '../testing/fixtures.js';
import { DEFAULT_RULES } from '../world/rules.js';
import { emptyWorld, type Entity, type World } from '../world/types.js';
import { defaultCommands, executeCommand } from './execute.js';
import { parseCommand } from './parser.js';
import { closest } from './suggest.js';

function worldWith(...entities: Entity[]): World {
  return { ...emptyWorld(testZone), entities: new Map(entities.map((e) => [e.id, e])) };
}

describe('parseCommand', () => {
  it.each([
    ['hello there', { name: 'say', args: 'hello there' }],
    ['  /SAY   hi  ', { name: 'say', args: 'hi' }],
    ['/look', { name: 'look', args: '' }],
    ['/move 10 20', { name: 'move', args: '10 20' }],
    ['/emote waves\nhappily', { name: 'emote', args: 'waves\nhappily' }],
  ])('%j → %j', (text, command) => {
    expect(parseCommand(text)).toEqual({ ok: true, command });
  });

  it.each(['', '   ', '/', '/  x'])('%j is an error, not an exception', (text) => {
    expect(parseCommand(text).ok).toBe(false);
  });
});

describe('closest', () => {
  it.each([
    ['sya', 'say'],
    ['lok', 'look'],
    ['he', 'help'],
    ['xyzzy', undefined],
  ])('%s → %s', (typo, expected) => {
    expect(closest(typo, ['say', 'look', 'help', 'emote'])).toBe(expected);
  });
});

describe('executeCommand', () => {
  const registry = defaultCommands();
  const run = (world: World, actorId: string, text: string) =>
    executeCommand(world, world.entities.get(actorId)!, text, { rules: DEFAULT_RULES, commands: registry, random: Math.random });

  it('say reaches players within 20 m and nobody further', () => {
    const world = worldWith(player('me', 100, 100), player('near', 119, 100), player('far', 121, 100), player('edge', 100, 80));
    const { outgoing } = run(world, 'c:me', '/say hello');
    expect(outgoing.map((o) => o.to).sort()).toEqual(['c:edge', 'c:me', 'c:near']);
    const texts = Object.fromEntries(outgoing.map((o) => [o.to, o.event === 'event' ? o.data.text : '']));
    expect(texts['c:me']).toBe('You say, "hello"');
    expect(texts['c:near']).toBe('me says, "hello"');
  });

  it('plain text is speech', () => {
    const { outgoing } = run(worldWith(player('me', 0, 0)), 'c:me', 'hi all');
    expect(outgoing).toEqual([expect.objectContaining({ event: 'event', data: expect.objectContaining({ type: 'speech', channel: 'say' }) })]);
  });

  it('an unknown command answers with a suggestion', () => {
    const { outgoing } = run(worldWith(player('me', 0, 0)), 'c:me', '/lok');
    expect(outgoing).toEqual([{ to: 'c:me', event: 'error', data: { code: 'unknown_command', message: expect.stringContaining('Did you mean /look?') } }]);
  });

  it('look lists nearby entities with distance and direction', () => {
    const { outgoing } = run(worldWith(player('me', 100, 100), player('Bob', 100, 112)), 'c:me', '/look');
    const first = outgoing[0]!;
    expect(first.event === 'event' && first.data.text).toContain('Bob (player) 12 m north');
  });

  it('help lists every registered command', () => {
    const { outgoing } = run(worldWith(player('me', 0, 0)), 'c:me', '/help');
    const first = outgoing[0]!;
    for (const definition of registry.list()) expect(first.event === 'event' && first.data.text).toContain(definition.usage);
  });

  it.each(['/say', '/emote', '/move 1', '/move a b'])('%s without proper arguments explains the usage', (text) => {
    const { outgoing } = run(worldWith(player('me', 0, 0)), 'c:me', text);
    expect(outgoing).toEqual([expect.objectContaining({ event: 'error', data: expect.objectContaining({ message: expect.stringMatching(/Usage/) }) })]);
  });
});
