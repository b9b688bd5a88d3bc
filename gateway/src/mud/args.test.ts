import { UsageError, parseMudArgs } from './args.js';

describe('parseMudArgs', () => {
  test.each([
    [['--name', 'ann'], { url: 'http://localhost:3100', token: 'dev:ann', lingerMs: 1000 }],
    [
      ['--url', 'http://h:1', '--name', 'ann', '--character', 'Ann1'],
      { url: 'http://h:1', token: 'dev:ann', character: 'Ann1', lingerMs: 1000 },
    ],
    [
      ['--name', 'ann', '--create', 'Ann1', '--archetype', 'Mage', '--linger', '0'],
      { url: 'http://localhost:3100', token: 'dev:ann', create: { name: 'Ann1', archetype: 'mage' }, lingerMs: 0 },
    ],
    [['--token', 'jwt.x.y'], { url: 'http://localhost:3100', token: 'jwt.x.y', lingerMs: 1000 }],
  ])('%p', (argv, options) => {
    expect(parseMudArgs(argv)).toEqual(options);
  });

  test('--help asks for the usage text', () => {
    expect(parseMudArgs(['--help'])).toBeUndefined();
  });

  test.each([
    [[], /--name/],
    [['--name', 'a', '--character', 'x', '--create', 'y'], /either/],
    [['--name', 'a', '--archetype', 'mage'], /only applies/],
    [['--name', 'a', '--create', 'y', '--archetype', 'bard'], /warrior, ranger, mage/],
    [['--name', 'a', '--url', 'not a url'], /not a URL/],
    [['--name', 'a', '--linger', 'soon'], /milliseconds/],
    [['--name', 'a', '--bogus'], /bogus/],
  ])('%p is refused', (argv, message) => {
    expect(() => parseMudArgs(argv)).toThrow(UsageError);
    expect(() => parseMudArgs(argv)).toThrow(message);
  });
});
