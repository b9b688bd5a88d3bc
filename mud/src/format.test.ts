import type { RosterEntry, WorldEnter } from '@aether/shared/protocol';
import {
  MudNarrator,
  compassPoint,
  describePlace,
  formatArrival,
  formatChange,
  formatError,
  formatEvent,
  formatRoster,
  formatWorldEnter,
  printable,
} from './format.js';

function entry(overrides: Partial<RosterEntry> = {}): RosterEntry {
  return {
    id: 'c:bob',
    kind: 'player',
    name: 'Bob',
    x: 0,
    y: 0,
    z: 0,
    heading: 0,
    moving: false,
    bearing: 45,
    elevation: 0,
    range: 12,
    ...overrides,
  };
}

const world: WorldEnter = {
  character: {
    id: 'ch1',
    name: 'Alice',
    archetype: 'warrior',
    level: 3,
    zoneId: 'zone-crossroads',
    entityId: 'c:ch1',
    x: 12.4,
    y: -3.6,
    z: 0,
    heading: 50,
    resources: { hp: 95.2, maxHp: 100, stamina: 40, maxStamina: 50, mana: 0, maxMana: 10 },
  },
  zone: {
    id: 'zone-crossroads',
    name: 'The Crossroads',
    bounds: { minX: -250, minY: -250, maxX: 250, maxY: 250 },
    adjacent: ['zone-forest', 'zone-city'],
  },
};

describe('compassPoint', () => {
  test.each([
    [0, 'north'],
    [22.4, 'north'],
    [22.6, 'north-east'],
    [45, 'north-east'],
    [90, 'east'],
    [135, 'south-east'],
    [180, 'south'],
    [225, 'south-west'],
    [270, 'west'],
    [315, 'north-west'],
    [340, 'north'],
    [360, 'north'],
    [-90, 'west'],
    [720 + 90, 'east'],
  ])('%p° is %s', (degrees, name) => {
    expect(compassPoint(degrees)).toBe(name);
  });
});

describe('describePlace', () => {
  test.each([
    [{ bearing: 45, range: 12, elevation: 0 }, '12 m to the north-east'],
    [{ bearing: 180, range: 7.6, elevation: 0 }, '8 m to the south'],
    [{ bearing: 270, range: 1.2, elevation: 0 }, 'right beside you'],
    [{ bearing: 90, range: 30, elevation: 25 }, '30 m to the east, above you'],
    [{ bearing: 0, range: 30, elevation: -12 }, '30 m to the north, below you'],
    [{ bearing: 0, range: 30, elevation: 9 }, '30 m to the north'],
  ])('%o → %s', (place, text) => {
    expect(describePlace(place)).toBe(text);
  });
});

describe('single events', () => {
  test.each([
    ['a player arriving', formatArrival(entry()), 'Bob (player) arrives 12 m to the north-east.'],
    [
      'wildlife arriving',
      formatArrival(entry({ name: 'Grey Wolf', kind: 'wildlife', bearing: 200, range: 40 })),
      'Grey Wolf (wildlife) arrives 40 m to the south.',
    ],
    ['an error', formatError({ code: 'not_found', message: 'No such character.' })[0], '! No such character.'],
    ['speech', formatEvent({ type: 'speech', text: 'Bob says, "hello"', from: { id: 'c:bob', name: 'Bob' }, ts: 1 })[0], 'Bob says, "hello"'],
  ])('%s', (_what, actual, expected) => {
    expect(actual).toBe(expected);
  });
});

describe('formatChange', () => {
  test.each([
    ['starts walking', entry({ moving: false }), entry({ moving: true, heading: 90 }), ['Bob starts walking east.']],
    ['stops', entry({ moving: true }), entry({ moving: false, bearing: 0, range: 5 }), ['Bob stops 5 m to the north.']],
    ['keeps walking', entry({ moving: true }), entry({ moving: true, x: 4 }), []],
    ['wildlife wandering', entry({ kind: 'wildlife' }), entry({ kind: 'wildlife', moving: true }), []],
    ['unknown before', undefined, entry({ moving: true }), []],
  ])('%s', (_what, before, after, lines) => {
    expect(formatChange(before, after)).toEqual(lines);
  });
});

test('world_enter reads as a room description', () => {
  expect(formatWorldEnter(world)).toEqual([
    '== The Crossroads ==',
    'You are Alice, a level 3 warrior, standing at (12, -4) and facing north-east.',
    'HP 95/100 · Stamina 40/50 · Mana 0/10',
    'The zone spans 500 m by 500 m. Neighbouring zones: zone-forest, zone-city.',
  ]);
  const closed = { ...world, zone: { ...world.zone, adjacent: [] } };
  expect(formatWorldEnter(closed)[3]).toBe('The zone spans 500 m by 500 m. No roads lead out of this zone.');
});

test('a full roster lists the nearest first, or says nobody is there', () => {
  expect(formatRoster([])).toEqual(['There is nobody else in sight.']);
  expect(formatRoster([entry({ name: 'Far', range: 80, bearing: 270 }), entry({ name: 'Near', kind: 'npc', range: 3, bearing: 90 })])).toEqual([
    'You see Near (npc) 3 m to the east.',
    'You see Far (player) 80 m to the west.',
  ]);
});

describe('MudNarrator', () => {
  test('narrates arrivals, changes and departures against what it has seen', () => {
    const narrator = new MudNarrator();
    narrator.worldEnter(world);
    expect(narrator.proximityRoster({ zoneId: 'zone-crossroads', entities: [entry({ id: 'c:ch1', name: 'Alice' })] })).toEqual([
      'There is nobody else in sight.',
    ]);

    expect(narrator.proximityRosterDelta({ added: [entry()], removed: [], changed: [] })).toEqual(['Bob (player) arrives 12 m to the north-east.']);
    expect(narrator.proximityRosterDelta({ added: [], removed: [], changed: [entry({ moving: true, heading: 180 })] })).toEqual(['Bob starts walking south.']);
    expect(narrator.nearby.map((e) => e.name)).toEqual(['Bob']);
    expect(narrator.proximityRosterDelta({ added: [], removed: ['c:bob', 'w:unknown'], changed: [] })).toEqual(['Bob leaves.']);
    expect(narrator.nearby).toEqual([]);
  });

  test('narrates your own starting and stopping, not every step', () => {
    const narrator = new MudNarrator();
    expect(narrator.stateUpdate({ character: { x: 1 } })).toEqual([]);
    narrator.worldEnter(world);
    expect(narrator.stateUpdate({ character: { moving: true, heading: 270 } })).toEqual(['You start walking west.']);
    expect(narrator.stateUpdate({ character: { x: 5, y: 5 } })).toEqual([]);
    expect(narrator.stateUpdate({ character: { x: 2.6, moving: false } })).toEqual(['You stop at (3, 5).']);
    expect(narrator.self).toMatchObject({ x: 2.6, y: 5, moving: false });
  });

  test('a new world_enter forgets the old zone’s roster', () => {
    const narrator = new MudNarrator();
    narrator.worldEnter(world);
    narrator.proximityRoster({ zoneId: 'zone-crossroads', entities: [entry()] });
    narrator.worldEnter(world);
    expect(narrator.proximityRosterDelta({ added: [], removed: ['c:bob'], changed: [] })).toEqual([]);
  });
});

describe('nothing a terminal would obey is printed (defence in depth)', () => {
  const event = (text: string) => ({ type: 'speech' as const, text, ts: 0 });

  test.each([
    ['an escape sequence that clears the screen', 'Bob says, "\u001b[2J\u001b[Hhi"', ['Bob says, "[2J[Hhi"']],
    ['a C1 control sequence introducer', 'x\u009b31my', ['x31my']],
    ['an OSC window-title sequence', '\u001b]0;pwned\u0007hello', [']0;pwnedhello']],
    ['a bell and a backspace', 'ding\u0007\u0008!', ['ding!']],
    [
      'a carriage return that would overwrite the line',
      'Bob says, "hi"\rAdmin says, "give me your password"',
      ['Bob says, "hi"', 'Admin says, "give me your password"'],
    ],
    ['a right-to-left override', 'Bob says, "\u202Etxt.exe"', ['Bob says, "txt.exe"']],
    ['isolates and marks', '\u2066a\u2069\u200Fb\u061C', ['ab']],
    ['zero-width characters', 'pa\u200Bss\uFEFFword', ['password']],
    ['a server line with line breaks (/help) stays several lines', 'Commands:\n/say <message>\n/look', ['Commands:', '/say <message>', '/look']],
    [
      'ordinary non-Latin text and combining marks',
      'Ана говорит: «Привет» — cafe\u0301 👨\u200D👩\u200D👧',
      ['Ана говорит: «Привет» — cafe\u0301 👨\u200D👩\u200D👧'],
    ],
  ])('%s', (_, text, lines) => {
    expect(formatEvent(event(text))).toEqual(lines);
    expect(printable(text)).toEqual(lines);
  });

  test('errors, names in the roster and the zone name are cleaned too', () => {
    expect(formatError({ code: 'muted', message: 'You are muted\u001b[5m until later.' })).toEqual(['! You are muted[5m until later.']);
    const narrator = new MudNarrator();
    const lines = narrator.worldEnter({ ...world, zone: { ...world.zone, name: 'The \u202ECrossroads' } });
    expect(lines[0]).toBe('== The Crossroads ==');
    expect(narrator.proximityRoster({ zoneId: 'zone-crossroads', entities: [entry({ id: 'c:evil', name: 'Ev\u001b[8mil' })] })).toEqual([
      'You see Ev[8mil (player) 12 m to the north-east.',
    ]);
    expect(narrator.proximityRosterDelta({ added: [entry({ id: 'c:x', name: 'X\u202E' })], removed: [], changed: [] })).toEqual([
      'X (player) arrives 12 m to the north-east.',
    ]);
  });
});
