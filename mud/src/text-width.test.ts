import { displayWidth, padToWidth, truncateToWidth } from './text-width.js';

describe('displayWidth counts columns as a terminal draws them', () => {
  test.each([
    ['', 0],
    ['Wild boar', 9],
    ['Ана', 3],
    ['café', 4],
    ['cafe\u0301', 4],
    ['山田', 4],
    ['ｶﾀｶﾅ', 4],
    ['ＡＢ', 4],
    ['한국', 4],
    ['🐗', 2],
    ['👨\u200D👩\u200D👧', 2],
    ['🇫🇷', 2],
    ['©', 1],
    ['❤\uFE0F', 2],
    ['\u0301', 0],
  ])('%p is %p wide', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe('truncateToWidth', () => {
  test.each([
    ['Boar Tusk', 20, 'Boar Tusk'],
    ['Boar Tusk', 9, 'Boar Tusk'],
    ['Boar Tusk', 6, 'Boar…'],
    ['山田太郎', 5, '山田…'],
    ['山田太郎', 6, '山田…'],
    ['🐗🐗🐗', 4, '🐗…'],
    ['cafe\u0301s', 5, 'cafe\u0301s'],
    ['cafe\u0301s', 4, 'caf…'],
  ])('%p in %p columns is %p', (text, width, cut) => {
    expect(truncateToWidth(text, width)).toBe(cut);
    expect(displayWidth(truncateToWidth(text, width))).toBeLessThanOrEqual(width);
  });
});

test('padToWidth pads by columns, not string length', () => {
  expect(padToWidth('山田', 6)).toBe('山田  ');
  expect(padToWidth('7', 3, 'right')).toBe('  7');
  expect(padToWidth('too long', 3)).toBe('too long');
});
