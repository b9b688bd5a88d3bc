import type { GameEvent, RosterEntry } from '@aether/shared/protocol';
import { formatWho } from './who-list.js';

const system = (text: string, type: GameEvent['type'] = 'system'): GameEvent => ({ type, text, ts: 0 });

const bob: RosterEntry = { id: 'c:bob', kind: 'player', name: 'Bob', x: 0, y: 0, z: 0, heading: 0, moving: false, bearing: 90, elevation: 0, range: 12 };

test('the /who answer becomes a table with where each player is', () => {
  expect(
    formatWho(
      system('3 players in The Crossroads: Ann (level 2 warrior), Bob (level 11 mage), Cyd (level 1 ranger)'),
      [bob, { ...bob, id: 'w:1', kind: 'wildlife', name: 'Cyd' }],
      'Ann',
    ),
  ).toEqual([
    '3 players in The Crossroads:',
    '  Name  Level  Archetype  Where',
    '  ----  -----  ---------  ----------------',
    '  Ann       2  warrior    you',
    '  Bob      11  mage       12 m to the east',
    '  Cyd       1  ranger     out of sight',
  ]);
});

test('bare names (an older server) still make a table', () => {
  expect(formatWho(system('1 player in Aether City: Ann'), [], 'Ann')).toEqual(['1 player in Aether City:', '  Name  Where', '  ----  -----', '  Ann   you']);
});

test.each([
  ['speech that looks like an answer', system('2 players in X: Ann, Bob', 'speech')],
  ['another system line', system('You join the party.')],
  ['a list that does not parse', system('2 players in X: Ann (level two), Bob')],
])('%s is left alone', (_what, event) => {
  expect(formatWho(event, [], 'Ann')).toBeUndefined();
});
