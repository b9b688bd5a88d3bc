import { ServerEvents } from '@aether/shared';
import { player, testZone } from '../world/fixtures.test-helpers.js';
import { DEFAULT_RULES } from '../rules/rules.js';
import { emptyWorld, type Entity, type Outgoing, type World } from '../world/types.js';
import { defaultCommands, executeCommand } from './execute.js';
import { parseCommand } from './parser.js';
import { defineCommand } from './registry.js';
import { closest } from './suggest.js';
import { CombatActionEvent } from './events.js';

function worldWith(...entities: Entity[]): World {
  return { ...emptyWorld(testZone), entities: new Map(entities.map((e) => [e.id, e])) };
}

const registry = defaultCommands();
const run = (world: World, actorId: string, text: string) =>
  executeCommand(world, world.entities.get(actorId)!, text, { rules: DEFAULT_RULES, commands: registry, random: Math.random, now: () => 0 });
const textOf = (o: Outgoing | undefined) => (o?.event === 'event' ? o.data.text : o?.event === 'error' ? o.data.message : undefined);
/** The one answer the actor got, when a command answers only its sender. */
const answer = (text: string, world = worldWith(player('me', 100, 100))) => run(world, 'c:me', text);

describe('parseCommand (the line lexer)', () => {
  it.each([
    ['hello there', { name: 'say', args: 'hello there' }],
    ['  /SAY   hi  ', { name: 'say', args: 'hi' }],
    ['/look', { name: 'look', args: '' }],
    ['/move 10 20', { name: 'move', args: '10 20' }],
    ['/emote waves\nhappily', { name: 'emote', args: 'waves\nhappily' }],
    ['/party invite Bob', { name: 'party', args: 'invite Bob' }],
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

describe('each command parses into its typed event', () => {
  it.each([
    ['say', 'hello  there', { type: 'speech', channel: 'say', text: 'hello there' }],
    ['say', 'two\nlines \u202Eand a\u200B trick', { type: 'speech', channel: 'say', text: 'two lines and a trick' }],
    ['shout', 'HELP', { type: 'speech', channel: 'shout', text: 'HELP' }],
    ['whisper', 'Bob meet me at the gate', { type: 'speech', channel: 'whisper', to: 'Bob', text: 'meet me at the gate' }],
    ['whisper', '"Bob" it\'s "here"', { type: 'speech', channel: 'whisper', to: 'Bob', text: 'it\'s "here"' }],
    ['say', '"quoted" stays', { type: 'speech', channel: 'say', text: '"quoted" stays' }],
    ['emote', 'waves', { type: 'emote', text: 'waves' }],
    ['move', '10 -20.5', { type: 'movement_start', target: { x: 10, y: -20.5 } }],
    ['move', '10,20', { type: 'movement_start', target: { x: 10, y: 20 } }],
    ['stop', '', { type: 'movement_stop' }],
    ['look', '', { type: 'query', what: 'look' }],
    ['look', '"Wild boar" 2', { type: 'query', what: 'look', target: 'Wild boar', ordinal: 2 }],
    ['who', '', { type: 'query', what: 'who' }],
    ['help', '', { type: 'query', what: 'help' }],
    ['help', 'party', { type: 'query', what: 'help', topic: 'party' }],
    ['party', '', { type: 'party_action', action: 'show' }],
    ['party', 'invite Bob', { type: 'party_action', action: 'invite', name: 'Bob' }],
    ['party', 'INVITE Bob', { type: 'party_action', action: 'invite', name: 'Bob' }],
    ['party', 'accept', { type: 'party_action', action: 'accept' }],
    ['party', 'decline', { type: 'party_action', action: 'decline' }],
    ['party', 'leave', { type: 'party_action', action: 'leave' }],
    ['party', 'kick Bob', { type: 'party_action', action: 'kick', name: 'Bob' }],
    ['party', 'disband', { type: 'party_action', action: 'disband' }],
  ])('/%s %s', (name, args, event) => {
    expect(registry.resolve(name)!.parse(args)).toEqual({ ok: true, event });
  });

  it.each([
    ['move', '1', /y is missing/],
    ['move', 'a b', /x must be a number/],
    ['move', '1e3 2', /x must be a number/],
    ['move', 'Infinity 2', /x must be a number/],
    ['move', '1 2 3', /too many arguments/],
    ['move', '99999999 2', /x is out of range/],
    ['say', '', /message is missing/],
    ['whisper', 'Bob', /message is missing/],
    ['whisper', 'B@b hi', /a name is 3 to 16 letters or digits/],
    ['whisper', "'Bob hi", /a quote is not closed: 'Bob hi/],
    ['party', 'invite', /character name is missing/],
    ['party', 'invte Bob', /unknown action "invte"; did you mean invite\?/],
    ['party', 'kick', /character name is missing/],
    ['look', 'wolf 0', /count from 1/],
  ])('/%s %s is refused: %s', (name, args, message) => {
    const parsed = registry.resolve(name)!.parse(args);
    expect(parsed).toEqual({ ok: false, message: expect.stringMatching(message) });
  });
});

describe('executeCommand', () => {
  it.each([
    // [listener x offset, hears]
    [19, true],
    [20, true],
    [21, false],
  ])('say: a listener %i m away hears it: %s', (dx, hears) => {
    const { outgoing } = run(worldWith(player('me', 100, 100), player('other', 100 + dx, 100)), 'c:me', '/say hello');
    expect(outgoing.map((o) => o.to).sort()).toEqual(hears ? ['c:me', 'c:other'] : ['c:me']);
    expect(textOf(outgoing.find((o) => o.to === 'c:me'))).toBe('You say, "hello"');
    if (hears) expect(textOf(outgoing.find((o) => o.to === 'c:other'))).toBe('me says, "hello"');
  });

  it.each([
    [19, true],
    [21, false],
  ])('emote: a listener %i m away sees it: %s', (dy, sees) => {
    const { outgoing } = run(worldWith(player('me', 100, 100), player('other', 100, 100 - dy)), 'c:me', '/me waves');
    expect(outgoing.map((o) => o.to).sort()).toEqual(sees ? ['c:me', 'c:other'] : ['c:me']);
    expect(outgoing.every((o) => o.event === 'event' && o.data.type === 'emote' && o.data.text === 'me waves')).toBe(true);
  });

  it.each([
    [149, true],
    [151, false],
  ])('shout: a listener %i m away in the same zone hears it: %s', (dx, hears) => {
    const world = {
      ...worldWith(player('me', 10, 100), player('other', 10 + dx, 100)),
      zone: { ...testZone, bounds: { minX: 0, minY: 0, maxX: 400, maxY: 200 } },
    };
    const { outgoing, effects } = run(world, 'c:me', '/shout over here');
    expect(outgoing.map((o) => o.to).sort()).toEqual(hears ? ['c:me', 'c:other'] : ['c:me']);
    expect(textOf(outgoing.find((o) => o.to === 'c:me'))).toBe('You shout, "over here"');
    expect(effects).toEqual([{ kind: 'chat.shout', from: { id: 'c:me', name: 'me' }, x: 10, y: 100, text: 'over here', toZoneIds: ['zone-east'] }]);
  });

  it('shout in a zone without neighbours stays in the zone', () => {
    const world = { ...worldWith(player('me', 0, 0)), zone: { ...testZone, adjacent: [] } };
    expect(run(world, 'c:me', '/yell hi').effects).toBeUndefined();
  });

  it('whisper asks the host to find the listener by name; the tick itself says nothing', () => {
    const { outgoing, effects } = answer('/tell Bob see you');
    expect(outgoing).toEqual([]);
    expect(effects).toEqual([{ kind: 'chat.whisper', from: { id: 'c:me', characterId: 'me', name: 'me' }, toName: 'Bob', text: 'see you' }]);
  });

  it('whispering to yourself is refused in the tick', () => {
    const { outgoing } = run(worldWith(player('Meg', 0, 0)), 'c:Meg', '/w MEG hi');
    expect(outgoing).toEqual([{ to: 'c:Meg', event: 'error', data: { code: 'invalid_command', message: expect.stringContaining('yourself') } }]);
  });

  it('party commands become effects for the party service', () => {
    expect(answer('/party kick Bob').effects).toEqual([
      { kind: 'party.action', actor: { id: 'c:me', characterId: 'me', name: 'me' }, action: { type: 'party_action', action: 'kick', name: 'Bob' } },
    ]);
  });

  it('plain text is speech', () => {
    const { outgoing } = answer('hi all');
    expect(outgoing).toEqual([expect.objectContaining({ event: 'event', data: expect.objectContaining({ type: 'speech', channel: 'say' }) })]);
  });

  it.each([
    ['/lok', 'Did you mean /look?'],
    ['/sout hi', 'Did you mean /shout?'],
    ['/xyzzy', 'Type /help for the list.'],
  ])('unknown command %s answers with a suggestion', (text, hint) => {
    expect(answer(text).outgoing).toEqual([{ to: 'c:me', event: 'error', data: { code: 'unknown_command', message: expect.stringContaining(hint) } }]);
  });

  it('look lists nearby entities with distance and direction', () => {
    const { outgoing } = run(worldWith(player('me', 100, 100), player('Bob', 100, 112)), 'c:me', '/look');
    expect(textOf(outgoing[0])).toContain('Bob (player) 12 m north');
  });

  it.each([
    ['/look bob', 'Bob (player), 12 m north of you, facing north.'],
    ['/look "Bob Two"', 'Bob Two (player), 30 m east of you, facing north.'],
    ['/look two', 'Bob Two (player), 30 m east of you, facing north.'],
    // "bob" is Bob's whole name, so Bob Two (a prefix match) is not counted with him.
    ['/look bob 2', 'There is only 1 "bob" near you.'],
    ['/look around', 'There is no "around" near you.'],
  ])('%s describes one of them, or says why not', (line, text) => {
    const world = worldWith(player('me', 100, 100), player('Bob', 100, 112), { ...player('Bob Two', 130, 100), id: 'c:bob2' });
    expect(textOf(run(world, 'c:me', line).outgoing[0])).toBe(text);
  });

  it('help lists every registered command with its usage; admin commands to admins only', () => {
    const text = textOf(answer('/help').outgoing[0])!;
    for (const definition of registry.list().filter((d) => !d.admin)) expect(text).toContain(`${definition.usage[0]} — ${definition.summary}`);
    expect(text).toContain('/say <message>');
    expect(text).not.toContain('/kick');
    const admin = player('root', 100, 100);
    const asAdmin = textOf(run(worldWith({ ...admin, player: { ...admin.player!, admin: true } }), 'c:root', '/help').outgoing[0])!;
    for (const definition of registry.list()) expect(asAdmin).toContain(`${definition.usage[0]} — ${definition.summary}`);
  });

  it('/help puts one command per line, under its group', () => {
    expect(textOf(answer('/help').outgoing[0])!.split('\n')).toEqual([
      'Commands:',
      'Chat:',
      `  /say <message> — ${registry.resolve('say')!.summary}`,
      `  /shout <message> — ${registry.resolve('shout')!.summary}`,
      `  /emote <action> — ${registry.resolve('emote')!.summary}`,
      `  /whisper <name> <message> — ${registry.resolve('whisper')!.summary}`,
      'Movement:',
      `  /move <x> <y> — ${registry.resolve('move')!.summary}`,
      `  /stop — ${registry.resolve('stop')!.summary}`,
      'Party:',
      `  /party invite <name> — ${registry.resolve('party')!.summary}`,
      'General:',
      `  /look [name] [ordinal] — ${registry.resolve('look')!.summary}`,
      `  /who — ${registry.resolve('who')!.summary}`,
      `  /help [command] — ${registry.resolve('help')!.summary}`,
      'Type /help <command> (or a group: /help combat) for details. Text without a slash is said aloud.',
    ]);
  });

  it.each([
    ['movement', ['Movement:', '  /move <x> <y>', '  /stop']],
    ['Chat', ['Chat:', '  /say <message>', '  /shout <message>', '  /emote <action>', '  /whisper <name> <message>']],
    ['items', ['No items commands here.']],
  ])('/help %s lists one group', (topic, starts) => {
    const lines = textOf(answer(`/help ${topic}`).outgoing[0])!.split('\n');
    expect(lines.map((line, i) => line.slice(0, starts[i]?.length))).toEqual(starts);
  });

  it.each([['party'], ['/party'], ['p']])('/help %s shows every form of /party', (topic) => {
    const text = textOf(answer(`/help ${topic}`).outgoing[0])!;
    for (const form of registry.resolve('party')!.usage) expect(text).toContain(form);
    expect(text).toContain('/p');
  });

  it('/help of an unknown command suggests one', () => {
    expect(answer('/help shuot').outgoing[0]).toMatchObject({
      event: 'error',
      data: { code: 'unknown_command', message: expect.stringContaining('/help shout') },
    });
  });

  it.each(['/say', '/emote', '/move 1', '/move a b', '/whisper Bob', '/party frobnicate'])('%s explains the usage', (text) => {
    const { outgoing } = answer(text);
    expect(outgoing).toEqual([{ to: 'c:me', event: 'error', data: { code: 'invalid_command', message: expect.stringMatching(/\. Usage: \//) } }]);
  });

  it('every answer is a valid server event', () => {
    const world = worldWith(player('me', 100, 100), player('Bob', 105, 100));
    for (const text of ['/say hi', '/look', '/who', '/help', '/help move', '/nope', '/move x y', '/stop', '/shout hey', '/emote waves']) {
      for (const message of run(world, 'c:me', text).outgoing) expect(ServerEvents[message.event].safeParse(message.data).success).toBe(true);
    }
  });
});

describe('defaultCommands', () => {
  it('takes each system’s extra commands and keeps /help last', () => {
    const target = defineCommand({
      name: 'target',
      summary: 'Pick a target.',
      syntax: '[target]',
      schema: CombatActionEvent,
      build: ({ target }) => ({ type: 'combat_action', action: 'target', target }),
      run: () => ({ outgoing: [] }),
    });
    const names = defaultCommands([target])
      .list()
      .map((d) => d.name);
    expect(names.at(-1)).toBe('help');
    expect(names).toContain('target');
    expect(target.parse('w:17')).toEqual({ ok: true, event: { type: 'combat_action', action: 'target', target: 'w:17' } });
  });

  it('refuses the same name twice', () => {
    expect(() => defaultCommands([registry.resolve('say')!])).toThrow(/registered twice/);
  });
});
