import { player } from '../world/fixtures.test-helpers.js';
import { DEFAULT_RULES } from '../rules/rules.js';
import { emptyWorld, type Entity, type ZoneDef } from '../world/types.js';
import { defaultCommands, executeCommand } from '../commands/execute.js';
import { hearSpeech, zonesInEarshot } from './across-border.js';

// The crossroads (x 0..200) borders the city to the east (x 200..400) and the forest to the north (y 200..400).
const crossroads: ZoneDef = {
  id: 'zone-crossroads',
  name: 'Crossroads',
  bounds: { minX: 0, minY: 0, maxX: 200, maxY: 200 },
  spawn: { x: 100, y: 100 },
  adjacent: ['zone-city', 'zone-forest'],
  neighbors: [
    { id: 'zone-city', bounds: { minX: 200, minY: 0, maxX: 400, maxY: 200 } },
    { id: 'zone-forest', bounds: { minX: 0, minY: 200, maxX: 200, maxY: 400 } },
  ],
};

describe('zonesInEarshot', () => {
  it.each([
    [180, 100, ['zone-city']],
    [179, 100, []],
    [100, 185, ['zone-forest']],
    [190, 190, ['zone-city', 'zone-forest']],
    [100, 100, []],
  ])('a speaker at (%i, %i) with 20 m range reaches %j', (x, y, zones) => {
    expect(zonesInEarshot(crossroads, x, y, 20)).toEqual(zones);
  });

  it('a zone without neighbours reaches none', () => {
    expect(zonesInEarshot({ ...crossroads, neighbors: undefined }, 199, 199, 20)).toEqual([]);
  });
});

describe('hearSpeech', () => {
  const speech = { fromZoneId: 'zone-crossroads', from: { id: 'c:amy', name: 'Amy' }, x: 195, y: 100, text: 'hello' };

  it.each([
    [195 + 19, true],
    [195 + 20, true],
    [195 + 21, false],
  ])('a city player at x=%i hears a say from the crossroads: %s', (x, heard) => {
    const outgoing = hearSpeech({ ...speech, channel: 'say' }, [{ entityId: 'c:cal', x, y: 100 }], 20, 7);
    expect(outgoing).toEqual(
      heard ? [{ to: 'c:cal', event: 'event', data: { ts: 7, type: 'speech', channel: 'say', text: 'Amy says, "hello"', from: speech.from } }] : [],
    );
  });

  it('an emote reads as it does inside one zone', () => {
    const outgoing = hearSpeech({ ...speech, channel: 'emote', text: 'waves' }, [{ entityId: 'c:cal', x: 210, y: 100 }], 20, 7);
    expect(outgoing).toEqual([{ to: 'c:cal', event: 'event', data: { ts: 7, type: 'emote', channel: 'emote', text: 'Amy waves', from: speech.from } }]);
  });

  it('cleans what came over the bus and drops an empty line', () => {
    const cal = [{ entityId: 'c:cal', x: 200, y: 100 }];
    expect(hearSpeech({ ...speech, channel: 'say', text: 'hi\u202Ethere\nyou' }, cal, 20, 7)[0]?.data).toMatchObject({ text: 'Amy says, "hithere you"' });
    expect(hearSpeech({ ...speech, channel: 'say', text: '\u200B' }, cal, 20, 7)).toEqual([]);
  });
});

describe('/say and /emote near a border', () => {
  const registry = defaultCommands();
  const worldWith = (...entities: Entity[]) => ({ ...emptyWorld(crossroads), entities: new Map(entities.map((e) => [e.id, e])) });
  const run = (entity: Entity, text: string) =>
    executeCommand(worldWith(entity), entity, text, { rules: DEFAULT_RULES, commands: registry, random: () => 0.5, now: () => 1_000 });

  it.each([
    ['/say hello', { channel: 'say', text: 'hello' }],
    ['hello', { channel: 'say', text: 'hello' }],
    ['/emote waves', { channel: 'emote', text: 'waves' }],
  ])('%j within range of the border also goes to the zone beyond', (line, speech) => {
    expect(run(player('Amy', 185, 100), line).effects).toEqual([
      { kind: 'chat.speech', ...speech, from: { id: 'c:Amy', name: 'Amy' }, x: 185, y: 100, toZoneIds: ['zone-city'] },
    ]);
  });

  it('farther from every border than its range, it stays in the zone', () => {
    expect(run(player('Amy', 150, 100), '/say hello').effects).toBeUndefined();
  });

  it('a muted player is refused and nothing crosses', () => {
    const amy = player('Amy', 195, 100);
    const result = run({ ...amy, player: { ...amy.player!, mutedUntil: 60_000 } }, '/say hello');
    expect(result.effects).toEqual([{ kind: 'chat.refused', reason: 'muted' }]);
  });
});
