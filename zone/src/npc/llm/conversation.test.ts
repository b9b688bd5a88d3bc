import { ConversationMemory, remember, type Exchange } from './conversation.js';

const exchange = (n: number): Exchange => ({ speaker: 'Aria', said: `q${n}`, reply: `a${n}` });
const said = (history: readonly Exchange[]) => history.map((e) => e.said);

describe('conversation memory', () => {
  it.each([
    ['empty, limit 3', [], 3, ['q1']],
    ['below the limit', [exchange(1)], 3, ['q1', 'q2']],
    ['at the limit: the oldest goes', [exchange(1), exchange(2), exchange(3)], 3, ['q2', 'q3', 'q4']],
    ['limit 1', [exchange(1)], 1, ['q2']],
    ['limit 0 keeps nothing', [exchange(1)], 0, []],
  ])('remember: %s', (_, history, limit, expected) => {
    const next = exchange(history.length + 1);
    expect(said(remember(history, next, limit))).toEqual(expected);
  });

  it('does not change the history it was given', () => {
    const history = [exchange(1)];
    remember(history, exchange(2), 1);
    expect(said(history)).toEqual(['q1']);
  });

  it('keeps each NPC’s history apart', () => {
    const memory = new ConversationMemory(2);
    for (const n of [1, 2, 3]) memory.record('guard', exchange(n));
    memory.record('merchant', exchange(9));
    expect(said(memory.recall('guard'))).toEqual(['q2', 'q3']);
    expect(said(memory.recall('merchant'))).toEqual(['q9']);
    expect(memory.recall('nobody')).toEqual([]);
  });
});
