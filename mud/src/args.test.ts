import { UsageError, parseMudArgs } from './args.js';

const ENV = { HOME: '/home/ann' };
const FILE = '/home/ann/.config/aether/mud-session.json';
const base = { url: 'http://localhost:3100', sessionFile: FILE, logout: false, lingerMs: 1000 };

describe('parseMudArgs', () => {
  test.each([
    [['--name', 'ann'], { ...base, login: { kind: 'token', token: 'dev:ann' } }],
    [
      ['--url', 'http://h:1', '--name', 'ann', '--character', 'Ann1'],
      { ...base, url: 'http://h:1', login: { kind: 'token', token: 'dev:ann' }, character: 'Ann1' },
    ],
    [
      ['--name', 'ann', '--create', 'Ann1', '--archetype', 'Mage', '--linger', '0'],
      { ...base, login: { kind: 'token', token: 'dev:ann' }, create: { name: 'Ann1', archetype: 'mage' }, lingerMs: 0 },
    ],
    [['--token', 'jwt.x.y'], { ...base, login: { kind: 'token', token: 'jwt.x.y' } }],
    [['--username', 'ann'], { ...base, login: { kind: 'password', username: 'ann', register: false } }],
    [['--username', 'ann', '--register'], { ...base, login: { kind: 'password', username: 'ann', register: true } }],
    [[], { ...base, login: { kind: 'password', register: false } }],
    [['--logout'], { ...base, login: { kind: 'password', register: false }, logout: true }],
    [
      ['--username', 'ann', '--session-file', '/tmp/s.json'],
      { ...base, login: { kind: 'password', username: 'ann', register: false }, sessionFile: '/tmp/s.json' },
    ],
  ])('%p', (argv, options) => {
    expect(parseMudArgs(argv, ENV)).toEqual(options);
  });

  test('the session file follows AETHER_SESSION_FILE, then XDG_CONFIG_HOME', () => {
    expect(parseMudArgs([], { ...ENV, AETHER_SESSION_FILE: '/x/y.json' })?.sessionFile).toBe('/x/y.json');
    expect(parseMudArgs([], { ...ENV, XDG_CONFIG_HOME: '/cfg' })?.sessionFile).toBe('/cfg/aether/mud-session.json');
  });

  test('--help asks for the usage text, which says why the password is not an argument', () => {
    expect(parseMudArgs(['--help'])).toBeUndefined();
  });

  test.each([
    [['--name', 'a', '--username', 'b'], /one of --name, --token or --username/],
    [['--register'], /--register needs --username/],
    [['--logout', '--name', 'a'], /--logout takes no other/],
    [['--username', 'a', '--password', 'x'], /password/],
    [['--name', 'a', '--character', 'x', '--create', 'y'], /either/],
    [['--name', 'a', '--archetype', 'mage'], /only applies/],
    [['--name', 'a', '--create', 'y', '--archetype', 'bard'], /warrior, ranger, mage/],
    [['--name', 'a', '--url', 'not a url'], /not a URL/],
    [['--name', 'a', '--linger', 'soon'], /milliseconds/],
    [['--name', 'a', '--bogus'], /bogus/],
  ])('%p is refused', (argv, message) => {
    expect(() => parseMudArgs(argv, ENV)).toThrow(UsageError);
    expect(() => parseMudArgs(argv, ENV)).toThrow(message);
  });
});
