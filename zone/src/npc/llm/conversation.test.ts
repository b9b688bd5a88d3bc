import { ConversationMemory, remember, type Exchange } from './conversation.js';

const exchange = (n: number, speaker = 'Aria'): Exchange => ({ speaker, said: `q${n}`, reply: `a${n}` });
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

  it('keeps each player’s conversation with each NPC apart', () => {
    const memory = new ConversationMemory(2);
    for (const n of [1, 2, 3]) memory.record('guard', 'c:aria', exchange(n));
    memory.record('guard', 'c:bob', exchange(7, 'Bob'));
    memory.record('merchant', 'c:aria', exchange(9));
    expect(said(memory.recall('guard', 'c:aria'))).toEqual(['q2', 'q3']);
    expect(said(memory.recall('guard', 'c:bob'))).toEqual(['q7']);
    expect(said(memory.recall('merchant', 'c:aria'))).toEqual(['q9']);
    expect(memory.recall('guard', 'c:nobody')).toEqual([]);
  });

  it('forgets the least recently used conversation beyond the cap', () => {
    const memory = new ConversationMemory(5, 2);
    memory.record('guard', 'c:a', exchange(1));
    memory.record('guard', 'c:b', exchange(2));
    memory.recall('guard', 'c:a'); // a is now the most recent
    memory.record('guard', 'c:c', exchange(3));
    expect(memory.size).toBe(2);
    expect(said(memory.recall('guard', 'c:a'))).toEqual(['q1']);
    expect(memory.recall('guard', 'c:b')).toEqual([]);
    expect(said(memory.recall('guard', 'c:c'))).toEqual(['q3']);
  });

  it('holds nothing when the history length is 0', () => {
    const memory = new ConversationMemory(0, 10);
    memory.record('guard', 'c:a', exchange(1));
    expect(memory.size).toBe(0);
  });
});
