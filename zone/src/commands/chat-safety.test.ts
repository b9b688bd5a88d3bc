import { player, testZone } from '../world/fixtures.test-helpers.js';
import { DEFAULT_RULES, type Rules } from '../rules/rules.js';
import { emptyWorld, type Entity, type Outgoing, type World } from '../world/types.js';
import { withNpcListening } from '../npc/npc-hearing.js';
import { testNpc } from '../npc/npc.test-helpers.js';
import { defaultCommands, executeCommand } from './execute.js';

/** Chat through the command executor: sanitised, then held to mute, length and rate with the step context's clock. */
const rules: Rules = { ...DEFAULT_RULES, chat: { maxLength: 20, burst: 2, perMinute: 6 } };
const registry = defaultCommands();
const T = Date.UTC(2026, 11, 3, 10, 0, 0);

function worldWith(...entities: Entity[]): World {
  return { ...emptyWorld(testZone), entities: new Map(entities.map((e) => [e.id, e])) };
}
const muted = (name: string, until: number): Entity => {
  const entity = player(name, 100, 100);
  return { ...entity, player: { ...entity.player!, mutedUntil: until } };
};

/** Runs lines one after another, carrying the world, at the given clock times. */
function say(world: World, actorId: string, lines: Array<[number, string]>, registryToUse = registry) {
  const results: Array<{ outgoing: Outgoing[]; effects: unknown[] }> = [];
  let current = world;
  for (const [at, text] of lines) {
    const result = executeCommand(current, current.entities.get(actorId)!, text, { rules, commands: registryToUse, random: () => 0.5, now: () => at });
    current = result.world ?? current;
    results.push({ outgoing: result.outgoing, effects: result.effects ?? [] });
  }
  return { results, world: current };
}
const errorOf = (outgoing: Outgoing[]) => outgoing.find((o) => o.event === 'error')?.data;

describe('chat limits in the tick', () => {
  it.each(['/say hi', '/shout hi', '/emote waves', '/whisper Bob hi', 'plain text'])('a muted player is refused %j, with until when', (line) => {
    const { results } = say(worldWith(muted('Meg', T + 30 * 60_000), player('Bob', 105, 100)), 'c:Meg', [[T, line]]);
    expect(results[0]!.outgoing).toEqual([{ to: 'c:Meg', event: 'error', data: { code: 'muted', message: 'You are muted until 2026-12-03 10:30 UTC.' } }]);
    expect(results[0]!.effects).toEqual([{ kind: 'chat.refused', reason: 'muted' }]);
  });

  it('a mute runs out by the clock alone', () => {
    const { results } = say(worldWith(muted('Meg', T + 60_000)), 'c:Meg', [
      [T + 59_999, 'hi'],
      [T + 60_000, 'hi'],
    ]);
    expect(errorOf(results[0]!.outgoing)?.code).toBe('muted');
    expect(errorOf(results[1]!.outgoing)).toBeUndefined();
  });

  it('a muted player can still move, look and use /help', () => {
    const { results } = say(worldWith(muted('Meg', T + 60_000)), 'c:Meg', [
      [T, '/look'],
      [T, '/help'],
      [T, '/move 10 10'],
    ]);
    for (const { outgoing } of results) expect(errorOf(outgoing)).toBeUndefined();
  });

  it('a line longer than CHAT_MAX_LENGTH is refused; one at the limit passes', () => {
    const { results } = say(worldWith(player('Ann', 100, 100)), 'c:Ann', [
      [T, 'x'.repeat(21)],
      [T, 'x'.repeat(20)],
    ]);
    expect(errorOf(results[0]!.outgoing)).toEqual({ code: 'chat_too_long', message: 'That is 21 characters; a chat line is at most 20.' });
    expect(results[0]!.effects).toEqual([{ kind: 'chat.refused', reason: 'chat_too_long' }]);
    expect(errorOf(results[1]!.outgoing)).toBeUndefined();
  });

  it('the length is counted after sanitising: invisible padding does not count', () => {
    const { results } = say(worldWith(player('Ann', 100, 100)), 'c:Ann', [[T, `hi${'\u200B'.repeat(100)}`]]);
    expect(errorOf(results[0]!.outgoing)).toBeUndefined();
    expect(results[0]!.outgoing[0]).toMatchObject({ event: 'event', data: { text: 'You say, "hi"' } });
  });

  it('the burst, then one line per 10 s (6 a minute), counted by the step context’s clock', () => {
    const lines: Array<[number, string]> = [
      [T, 'one'],
      [T, 'two'],
      [T, 'three'],
      [T + 9_000, 'four'],
      [T + 10_000, 'five'],
      [T + 11_000, 'six'],
    ];
    const { results, world } = say(worldWith(player('Ann', 100, 100)), 'c:Ann', lines);
    expect(results.map(({ outgoing }) => errorOf(outgoing)?.code ?? 'said')).toEqual([
      'said',
      'said',
      'chat_rate_limited',
      'chat_rate_limited',
      'said',
      'chat_rate_limited',
    ]);
    expect(errorOf(results[2]!.outgoing)?.message).toBe('You are talking too fast; wait 10 s.');
    expect(world.entities.get('c:Ann')!.player!.chat).toEqual({ tokens: expect.closeTo(0, 5), at: T + 10_000 });
  });

  it('each player has their own allowance', () => {
    let world = worldWith(player('Ann', 100, 100), player('Bob', 105, 100));
    world = say(world, 'c:Ann', [
      [T, 'a'],
      [T, 'b'],
      [T, 'c'],
    ]).world;
    const { results } = say(world, 'c:Bob', [[T, 'hello']]);
    expect(errorOf(results[0]!.outgoing)).toBeUndefined();
  });

  it('a refused line is not heard by NPCs (nor anyone)', () => {
    const listening = withNpcListening(defaultCommands(), { llm: true });
    const definition = testNpc({ x: 100, y: 100 });
    const npc: Entity = {
      id: 'n:guard',
      kind: 'npc',
      name: definition.name,
      x: 100,
      y: 100,
      z: 0,
      heading: 0,
      maxSpeed: 0,
      intent: { kind: 'idle' },
      npc: { definition, nearby: new Set(), greeted: new Map(), talking: new Map() },
    };
    const asksTheLlm = (effects: unknown[]) => effects.some((e) => (e as { kind: string }).kind === 'npc_reply_request');
    const heard = say(worldWith(player('Meg', 100, 100), player('Bob', 105, 100), npc), 'c:Meg', [[T, 'Aldric, what news?']], listening);
    expect(asksTheLlm(heard.results[0]!.effects)).toBe(true);
    const refused = say(worldWith(muted('Meg', T + 60_000), player('Bob', 105, 100), npc), 'c:Meg', [[T, 'Aldric, what news?']], listening);
    expect(refused.results[0]!.outgoing.every((o) => o.to === 'c:Meg')).toBe(true);
    expect(asksTheLlm(refused.results[0]!.effects)).toBe(false);
  });

  it('what others hear is one clean line', () => {
    const { results } = say(worldWith(player('Ann', 100, 100), player('Bob', 105, 100)), 'c:Ann', [[T, '/say \u202Eevil\u202C\nline\u0007']]);
    expect(results[0]!.outgoing.find((o) => o.to === 'c:Bob')).toMatchObject({ data: { text: 'Ann says, "evil line"' } });
  });

  it('what is left after sanitising must not be empty', () => {
    const { results } = say(worldWith(player('Ann', 100, 100)), 'c:Ann', [[T, '/say \u200B\u202E\u3164']]);
    expect(errorOf(results[0]!.outgoing)).toMatchObject({ code: 'invalid_command', message: expect.stringContaining('A message is missing') });
  });
});
