import { MAX_STACKED_MARKS, plainLine, plainLines } from './plain-text.js';

const mark = '\u0301'; // combining acute accent

describe('plainLine: what a player wrote, safe to show another', () => {
  it.each([
    ['plain text', 'hello there', 'hello there'],
    ['a line feed', 'one\ntwo', 'one two'],
    ['CR LF and blank lines', 'one\r\n\r\ntwo', 'one two'],
    ['a tab', 'a\tb', 'a b'],
    ['Unicode line and paragraph separators, NEL', 'a\u2028b\u2029c\u0085d', 'a b c d'],
    ['runs of spaces and the ends', '   a    b   ', 'a b'],
    ['an ANSI colour sequence (ESC goes; the rest is harmless text)', '\u001b[31mred\u001b[0m', '[31mred[0m'],
    ['a C1 CSI', '\u009b2Jcleared', '2Jcleared'],
    ['NUL, BEL, backspace, DEL', 'a\u0000b\u0007c\u0008d\u007fe', 'abcde'],
    ['right-to-left override (Trojan Source)', 'abc\u202Egnp.exe', 'abcgnp.exe'],
    ['left-to-right and right-to-left embeddings, pop', '\u202Aa\u202Bb\u202Cc', 'abc'],
    ['left-to-right override', '\u202Dx', 'x'],
    ['isolates U+2066–U+2069', '\u2066a\u2067b\u2068c\u2069d', 'abcd'],
    ['LRM, RLM, Arabic letter mark', 'a\u200Eb\u200Fc\u061Cd', 'abcd'],
    ['zero-width space inside a word', 'pass\u200Bword', 'password'],
    ['word joiner, BOM, soft hyphen', 'a\u2060b\uFEFFc\u00ADd', 'abcd'],
    ['tag characters (hidden text for language models)', 'hi\u{E0001}\u{E0069}\u{E0067}\u{E006E}\u{E006F}\u{E0072}\u{E0065}\u{E007F}', 'hi'],
    ['interlinear annotation', 'a\uFFF9b\uFFFAc\uFFFBd', 'abcd'],
    ['a lone surrogate', 'a\uD800b\uDC00c', 'abc'],
    ['Hangul filler and halfwidth filler (blank names)', 'a\u3164b\uFFA0c\u115Fd', 'abcd'],
    ['nothing but invisible characters', '\u200B\u202E\u3164\u2066', ''],
  ])('%s', (_, input, expected) => {
    expect(plainLine(input)).toBe(expected);
  });

  it.each([
    ['Cyrillic', 'Привет, как дела?'],
    ['Japanese', 'こんにちは、世界'],
    ['Chinese', '你好，世界'],
    ['Korean', '안녕하세요'],
    ['Arabic', 'مرحبا بالعالم'],
    ['Hebrew with points', 'שָׁלוֹם'],
    ['Devanagari (virama, vowel signs)', 'नमस्ते दुनिया'],
    ['Thai (stacked tone marks)', 'สวัสดีครับ'],
    ['Persian with a zero-width non-joiner', 'می\u200Cخواهم'],
    ['Vietnamese, decomposed (combining marks)', 'Tie\u0302\u0301ng Vie\u0323\u0302t'],
    ['a decomposed é', 'cafe\u0301'],
    ['an emoji family (zero-width joiners)', '👨\u200D👩\u200D👧'],
    ['a flag and a skin tone', '🇫🇷 👍🏽'],
    ['a keycap (variation selector, enclosing mark)', '1\uFE0F\u20E3'],
    ['no-break and ideographic spaces inside', 'a\u00A0b\u3000c'],
    ['accented Latin', 'Ça va? Größe, ñandú'],
  ])('%s survives unchanged', (_, text) => {
    expect(plainLine(text)).toBe(text);
  });

  it(`keeps at most ${MAX_STACKED_MARKS} combining marks on one character ("Zalgo")`, () => {
    expect(plainLine(`a${mark.repeat(40)}b`)).toBe(`a${mark.repeat(MAX_STACKED_MARKS)}b`);
    expect(plainLine(`a${mark.repeat(MAX_STACKED_MARKS)}`)).toBe(`a${mark.repeat(MAX_STACKED_MARKS)}`);
  });

  it('is idempotent', () => {
    const nasty = ` a\u202E\n\u001b[2J b\u200B${mark.repeat(30)} `;
    expect(plainLine(plainLine(nasty))).toBe(plainLine(nasty));
  });
});

describe('plainLines: text for a terminal, line by line', () => {
  it.each([
    ['one line', 'hello', ['hello']],
    ['LF, CRLF, CR', 'one\ntwo\r\nthree\rfour', ['one', 'two', 'three', 'four']],
    ['escape sequences and bidi in each line', 'a\u001b[2Jb\nc\u202Ed', ['a[2Jb', 'cd']],
    ['a bare carriage return cannot overwrite the start of a line', 'You are an admin\rYou are banned', ['You are an admin', 'You are banned']],
    ['tabs become spaces, trailing space goes', 'a\tb\t', ['a b']],
  ])('%s', (_, input, expected) => {
    expect(plainLines(input)).toEqual(expected);
  });
});
