import type { GameEvent } from '@aether/shared';
import { defaultCommands } from '../commands/execute.js';
import { player, testZone } from '../world/fixtures.test-helpers.js';
import { DEFAULT_RULES } from '../rules/rules.js';
import { step, type StepContext } from '../simulation/step.js';
import { emptyWorld, type Input, type Outgoing, type World } from '../world/types.js';
import { withNpcListening } from './npc-hearing.js';
import { NpcSystem } from './npc-system.js';
import { testNpc } from './npc.test-helpers.js';
import { Onlookers } from '../view/onlookers.test-helpers.js';

const dt = 1 / 20;

function contextWith(llm: boolean, definitions = [testNpc()]): StepContext {
  return {
    rules: DEFAULT_RULES,
    commands: withNpcListening(defaultCommands(), { llm }),
    systems: [new NpcSystem(definitions)],
    random: () => 0.5,
    now: () => 0,
  };
}

function tick(world: World, context: StepContext, inputs: Input[] = [], seconds = dt) {
  let current = world;
  const outgoing: Outgoing[] = [];
  const effects = [];
  for (let i = 0; i < Math.max(1, Math.round(seconds / dt)); i += 1) {
    const result = step(current, i === 0 ? inputs : [], dt, context);
    current = result.world;
    outgoing.push(...result.outgoing);
    effects.push(...result.effects);
  }
  return { world: current, outgoing, effects };
}

const speechTo = (outgoing: Outgoing[], to: string) =>
  outgoing
    .filter((o) => o.to === to && o.event === 'event')
    .map((o) => o.data as GameEvent)
    .filter((e) => e.type === 'speech');
const npcLines = (outgoing: Outgoing[], to: string) =>
  speechTo(outgoing, to)
    .filter((e) => e.from?.id === 'n:guard')
    .map((e) => e.text);

/** A world with the guard placed and alice (10 m away) and bob (15 m the other way) already greeted. */
function settled(llm: boolean) {
  const context = contextWith(llm);
  const { world } = tick(emptyWorld(testZone), context, [
    { kind: 'join', entity: player('alice', 110, 100) },
    { kind: 'join', entity: player('bob', 85, 100) },
    { kind: 'join', entity: player('far', 150, 100) },
  ]);
  return { context, world };
}

const say = (who: string, text: string): Input => ({ kind: 'command', entityId: `c:${who}`, text });

describe('NPCs', () => {
  it('are placed in the world and show in rosters as npc', () => {
    const { world } = settled(false);
    expect(world.entities.get('n:guard')).toMatchObject({ kind: 'npc', name: 'Guard Aldric', x: 100, y: 100, heading: 180 });
    const onlookers = new Onlookers();
    onlookers.see(world);
    expect(onlookers.roster('c:far').find((entry) => entry.id === 'n:guard')).toMatchObject({ kind: 'npc', range: 50 });
  });

  describe('greeting', () => {
    it('greets each player who comes within earshot, and only that player', () => {
      const context = contextWith(false);
      const { outgoing, world } = tick(emptyWorld(testZone), context, [
        { kind: 'join', entity: player('alice', 110, 100) },
        { kind: 'join', entity: player('far', 150, 100) },
      ]);
      expect(npcLines(outgoing, 'c:alice')).toEqual(['Guard Aldric says, "Halt, alice."']);
      expect(npcLines(outgoing, 'c:far')).toEqual([]);
      // Walking up later counts as arriving.
      const walked = tick(world, context, [{ kind: 'move', entityId: 'c:far', move: { target: { x: 119, y: 100 } } }], 8);
      expect(npcLines(walked.outgoing, 'c:far')).toEqual(['Guard Aldric says, "Halt, far."']);
      expect(npcLines(walked.outgoing, 'c:alice')).toEqual([]);
    });

    it.each([
      ['back within the re-greet time: no second greeting', 100, 0],
      ['back after the re-greet time: greeted again', 400, 1],
    ])('%s', (_, awaySeconds, greetings) => {
      const context = contextWith(false);
      let { world } = tick(emptyWorld(testZone), context, [{ kind: 'join', entity: player('alice', 110, 100) }]);
      ({ world } = tick(world, context, [{ kind: 'move', entityId: 'c:alice', move: { target: { x: 140, y: 100 } } }], awaySeconds));
      const back = tick(world, context, [{ kind: 'move', entityId: 'c:alice', move: { target: { x: 110, y: 100 } } }], 10);
      expect(npcLines(back.outgoing, 'c:alice')).toHaveLength(greetings);
    });
  });

  describe('answering /say', () => {
    it.each([
      ['a greeting rule', 'hello there', 'Guard Aldric says, "Well met, alice."'],
      ['the higher priority rule wins', 'hi! any wolves about?', 'Guard Aldric says, "Wolves in the forest."'],
      ['plain text is speech too, any case', 'WOLVES?', 'Guard Aldric says, "Wolves in the forest."'],
      ['the /say command', '/say hello', 'Guard Aldric says, "Well met, alice."'],
      ['addressed by name, no rule: the fallback', 'Aldric, what is your name?', 'Guard Aldric says, "Move along, alice."'],
    ])('%s', (_, text, expected) => {
      const { context, world } = settled(false);
      const { outgoing } = tick(world, context, [say('alice', text)]);
      // The player's own line first, then the reply, to everyone within range of the NPC.
      expect(speechTo(outgoing, 'c:alice').map((e) => e.text)).toEqual([expect.stringMatching(/^You say/), expected]);
      expect(npcLines(outgoing, 'c:bob')).toEqual([expected]);
      expect(npcLines(outgoing, 'c:far')).toEqual([]);
      expect(speechTo(outgoing, 'c:alice')[1]).toMatchObject({ type: 'speech', channel: 'say', from: { id: 'n:guard', name: 'Guard Aldric' } });
    });

    it.each([
      ['chatter nobody addresses to it', 'nice weather'],
      ['an emote', '/emote waves hello'],
    ])('ignores %s', (_, text) => {
      const { context, world } = settled(false);
      expect(npcLines(tick(world, context, [say('alice', text)]).outgoing, 'c:alice')).toEqual([]);
    });

    it('does not hear a player beyond say range', () => {
      const { context, world } = settled(false);
      const { outgoing } = tick(world, context, [say('far', 'hello')]);
      expect(npcLines(outgoing, 'c:far')).toEqual([]);
    });

    it.each([
      ['within the conversation window, unmatched words get the fallback', 30, ['Guard Aldric says, "Move along, alice."']],
      ['after it, they are chatter again', 61, []],
    ])('%s', (_, wait, expected) => {
      const { context, world } = settled(false);
      const talked = tick(world, context, [say('alice', 'hello')]).world;
      const later = tick(talked, context, [], wait).world;
      expect(npcLines(tick(later, context, [say('alice', 'nice weather')]).outgoing, 'c:alice')).toEqual(expected);
    });

    it('with an LLM, unmatched addressed words become an npc_reply_request effect instead of the fallback', () => {
      const { context, world } = settled(true);
      const { outgoing, effects } = tick(world, context, [say('alice', 'Aldric, tell me a story')]);
      expect(npcLines(outgoing, 'c:alice')).toEqual([]);
      expect(effects).toEqual([
        {
          kind: 'npc_reply_request',
          npc: { id: 'guard', entityId: 'n:guard', name: 'Guard Aldric', persona: 'A stern guard.' },
          zone: { id: 'zone-test', name: 'Test Field' },
          speaker: { id: 'c:alice', name: 'alice' },
          text: 'Aldric, tell me a story',
          fallback: 'Move along, alice.',
        },
      ]);
      // Scripted rules still come first.
      expect(tick(world, context, [say('alice', 'hello')]).effects).toEqual([]);
    });

    it('an NPC told to /say (how an LLM reply comes back) speaks, and other NPCs do not answer it', () => {
      const context = contextWith(false, [testNpc(), testNpc({ id: 'twin', name: 'Twin Guard', x: 105 })]);
      const { world } = tick(emptyWorld(testZone), context, [{ kind: 'join', entity: player('alice', 110, 100) }]);
      const { outgoing } = tick(world, context, [{ kind: 'command', entityId: 'n:guard', text: '/say hello twin, wolves?' }]);
      expect(speechTo(outgoing, 'c:alice').map((e) => e.text)).toEqual(['Guard Aldric says, "hello twin, wolves?"']);
    });

    it('several NPCs in range each answer what they understand', () => {
      const merchant = testNpc({
        id: 'merchant',
        name: 'Merchant Sela',
        x: 112,
        dialogue: [{ match: 'keyword', pattern: 'hello', reply: 'Welcome!', priority: 0 }],
      });
      const context = contextWith(false, [testNpc(), merchant]);
      const { world } = tick(emptyWorld(testZone), context, [{ kind: 'join', entity: player('alice', 110, 100) }]);
      const { outgoing } = tick(world, context, [say('alice', 'hello')]);
      expect(speechTo(outgoing, 'c:alice').map((e) => e.text)).toEqual([
        'You say, "hello"',
        'Guard Aldric says, "Well met, alice."',
        'Merchant Sela says, "Welcome!"',
      ]);
    });
  });
});
