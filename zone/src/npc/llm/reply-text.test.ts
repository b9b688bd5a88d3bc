import { cleanReply, MAX_REPLY_LENGTH } from './reply-text.js';

describe('cleanReply', () => {
  it.each([
    ['plain', 'Safe roads, friend.', 'Safe roads, friend.'],
    ['line breaks and spaces', '  Safe roads.\n\nMind the wolves. ', 'Safe roads. Mind the wolves.'],
    ['wrapping quotes', '"Safe roads."', 'Safe roads.'],
    ['own name prefix', 'Guard Aldric: Safe roads.', 'Safe roads.'],
    ['short name prefix', 'aldric: Safe roads.', 'Safe roads.'],
    ['a reasoning block', '<think>The user wants…\nok</think>Safe roads.', 'Safe roads.'],
    ['an unterminated reasoning block', 'Safe roads. <think>hmm', 'Safe roads.'],
    ['nothing left', '<think>only thoughts</think>', ''],
  ])('%s', (_, raw, expected) => {
    expect(cleanReply(raw, 'Guard Aldric')).toBe(expected);
  });

  it('cuts long answers at a word, within the limit', () => {
    const reply = cleanReply('word '.repeat(200), 'Guard Aldric');
    expect(reply.length).toBeLessThanOrEqual(MAX_REPLY_LENGTH);
    expect(reply).toMatch(/word…$/);
  });
});
