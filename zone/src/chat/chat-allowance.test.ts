import { judgeChat, utc, type ChatAllowance } from './chat-allowance.js';
import type { ChatLimits } from './chat-limits.js';

const limits: ChatLimits = { maxLength: 10, burst: 3, perMinute: 6 }; // one line back every 10 s
const T = Date.UTC(2026, 11, 3, 10, 0, 0);

describe('judgeChat', () => {
  it.each([
    ['a first line', {}, 'hello', T, { ok: true, allowance: { tokens: 2, at: T } }],
    ['at the length limit', {}, '0123456789', T, { ok: true, allowance: { tokens: 2, at: T } }],
    ['one character too long', {}, '0123456789x', T, { ok: false, code: 'chat_too_long' }],
    ['length in characters, not UTF-16 units (10 emoji)', {}, '😀'.repeat(10), T, { ok: true, allowance: { tokens: 2, at: T } }],
    ['the last line of the burst', { chat: { tokens: 1, at: T } }, 'hi', T, { ok: true, allowance: { tokens: 0, at: T } }],
    ['past the burst', { chat: { tokens: 0, at: T } }, 'hi', T, { ok: false, code: 'chat_rate_limited' }],
    ['9.9 s later: still nothing back', { chat: { tokens: 0, at: T } }, 'hi', T + 9_900, { ok: false, code: 'chat_rate_limited' }],
    ['10 s later: one line back', { chat: { tokens: 0, at: T } }, 'hi', T + 10_000, { ok: true, allowance: { tokens: 0, at: T + 10_000 } }],
    ['an hour later: only the burst back', { chat: { tokens: 0, at: T } }, 'hi', T + 3_600_000, { ok: true, allowance: { tokens: 2, at: T + 3_600_000 } }],
    ['a clock that went back refills nothing', { chat: { tokens: 0.5, at: T } }, 'hi', T - 60_000, { ok: false, code: 'chat_rate_limited' }],
    ['muted until later', { mutedUntil: T + 60_000 }, 'hi', T, { ok: false, code: 'muted' }],
    ['a mute that has run out', { mutedUntil: T }, 'hi', T, { ok: true, allowance: { tokens: 2, at: T } }],
    ['muted beats too long', { mutedUntil: T + 1 }, 'far too long a line', T, { ok: false, code: 'muted' }],
  ] as Array<[string, { mutedUntil?: number; chat?: ChatAllowance }, string, number, object]>)('%s', (_, speaker, text, now, expected) => {
    expect(judgeChat(speaker, text, now, limits)).toMatchObject(expected);
  });

  it('says until when a player is muted, in UTC', () => {
    expect(judgeChat({ mutedUntil: T + 15 * 60_000 }, 'hi', T, limits)).toEqual({
      ok: false,
      code: 'muted',
      message: 'You are muted until 2026-12-03 10:15 UTC.',
    });
  });

  it('says how long to wait when too fast', () => {
    expect(judgeChat({ chat: { tokens: 0, at: T } }, 'hi', T + 2_500, limits)).toEqual({
      ok: false,
      code: 'chat_rate_limited',
      message: 'You are talking too fast; wait 8 s.',
    });
  });

  it('a refused line spends nothing: the allowance is only ever replaced by an accepted one', () => {
    let chat: ChatAllowance | undefined;
    let accepted = 0;
    // 20 lines in 20 seconds: the burst of 3, then one every 10 s (t = 10, 20).
    for (let second = 0; second <= 20; second += 1) {
      const verdict = judgeChat(chat ? { chat } : {}, 'hi', T + second * 1000, limits);
      if (verdict.ok) {
        chat = verdict.allowance;
        accepted += 1;
      }
    }
    expect(accepted).toBe(5);
  });

  it('utc() formats to the minute', () => {
    expect(utc(Date.UTC(2027, 0, 2, 3, 4, 59))).toBe('2027-01-02 03:04 UTC');
  });
});
