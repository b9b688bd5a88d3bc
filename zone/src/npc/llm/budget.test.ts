import { LlmBudget, type NpcLlmBudgets } from './budget.js';

const limits: NpcLlmBudgets = { playerRequestsPerMinute: 2, globalRequestsPerMinute: 3, playerTokensPerHour: 1000, globalTokensPerHour: 1500 };

function budget(maxPlayers?: number) {
  let now = 0;
  const b = new LlmBudget(limits, () => now, maxPlayers);
  return { b, at: (ms: number) => void (now = ms) };
}
const reason = (result: ReturnType<LlmBudget['reserve']>) => (result.ok ? 'ok' : result.reason);

describe('LlmBudget', () => {
  it('per player requests per minute, refilled over the minute', () => {
    const { b, at } = budget();
    expect([b.reserve('a', 10), b.reserve('a', 10), b.reserve('a', 10)].map(reason)).toEqual(['ok', 'ok', 'player_requests']);
    at(29_999);
    expect(reason(b.reserve('a', 10))).toBe('player_requests');
    at(30_000);
    expect(reason(b.reserve('a', 10))).toBe('ok');
  });

  it('the global request rate across players', () => {
    const { b } = budget();
    expect(['a', 'b', 'c', 'd'].map((p) => reason(b.reserve(p, 10)))).toEqual(['ok', 'ok', 'ok', 'global_requests']);
  });

  it('tokens: a reservation holds the estimate; settling charges what was used, even past the budget', () => {
    const { b, at } = budget();
    const first = b.reserve('a', 600);
    expect(reason(first)).toBe('ok');
    expect(reason(b.reserve('a', 600))).toBe('player_tokens');
    if (first.ok) b.settle(first.reservation, 100); // used far less: 900 back
    expect(reason(b.reserve('a', 600))).toBe('ok');
    at(60_000);
    const big = b.reserve('b', 100);
    if (big.ok) b.settle(big.reservation, 2000); // the server used far more: the world is in debt
    expect(reason(b.reserve('c', 10))).toBe('global_tokens');
    at(60_000 + 3_600_000);
    expect(reason(b.reserve('c', 10))).toBe('ok');
  });

  it('refuses with nothing taken: a refusal on tokens does not use up a request', () => {
    const { b } = budget();
    expect(reason(b.reserve('a', 5000))).toBe('player_tokens');
    expect([b.reserve('a', 10), b.reserve('a', 10)].map(reason)).toEqual(['ok', 'ok']);
  });

  it('forgets the least recently seen players beyond the cap', () => {
    const { b } = budget(2);
    b.reserve('a', 1);
    b.reserve('a', 1);
    b.reserve('b', 1);
    b.reserve('c', 1); // a is forgotten: a fresh budget
    expect(reason(b.reserve('a', 1))).toBe('global_requests');
  });
});
