import { cleanReply, limitLength, MAX_REPLY_LENGTH } from './reply-text.js';

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
    ['terminal escapes and a bidi override', '\u001b[2JSafe \u202Eroads.', '[2JSafe roads.'],
    ['zero-width and tag characters', 'Safe\u200B roads\u{E0041}\u{E0042}.', 'Safe roads.'],
    ['non-Latin text, kept', 'Добрый путь, друг.', 'Добрый путь, друг.'],
  ])('%s', (_, raw, expected) => {
    expect(cleanReply(raw, 'Guard Aldric')).toBe(expected);
  });

  it('cuts long answers at a word, within the limit', () => {
    const reply = cleanReply('word '.repeat(200), 'Guard Aldric');
    expect(reply.length).toBeLessThanOrEqual(MAX_REPLY_LENGTH);
    expect(reply).toMatch(/word…$/);
  });

  it('honours a smaller limit', () => {
    expect(cleanReply('One sentence here. Another one that goes on and on.', 'Guard Aldric', 30)).toBe('One sentence here.');
  });
});

describe('limitLength', () => {
  it.each([
    ['short enough', 'Hello there.', 20, 'Hello there.'],
    ['at a sentence end', 'First part. Second part is long.', 20, 'First part.'],
    ['the last sentence end that fits', 'One. Two. Three. Four and more words.', 18, 'One. Two. Three.'],
    ['a question and a quote', 'Who goes there?" he asked. And then more.', 30, 'Who goes there?" he asked.'],
    ['a sentence end exactly at the limit', 'Exactly ten. More', 12, 'Exactly ten.'],
    ['too little sentence: words instead', 'Hi. Then a very long sentence without any end in sight', 30, 'Hi. Then a very long sentence…'],
    ['no spaces at all', 'x'.repeat(50), 10, `${'x'.repeat(9)}…`],
    ['counts characters, not UTF-16 units', '😀'.repeat(10), 5, '😀😀😀😀…'],
  ])('%s', (_, text, max, expected) => {
    const limited = limitLength(text, max);
    expect(limited).toBe(expected);
    expect(Array.from(limited).length).toBeLessThanOrEqual(max);
  });
});
