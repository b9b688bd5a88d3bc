import { bindArguments, formatSyntax, parseSyntax } from './syntax.js';

describe('parseSyntax', () => {
  it.each([
    ['', []],
    [
      '<x> <y>',
      [
        { name: 'x', optional: false, rest: false },
        { name: 'y', optional: false, rest: false },
      ],
    ],
    [
      '<name> <message...>',
      [
        { name: 'name', optional: false, rest: false },
        { name: 'message', optional: false, rest: true },
      ],
    ],
    [
      '[action] [name]',
      [
        { name: 'action', optional: true, rest: false },
        { name: 'name', optional: true, rest: false },
      ],
    ],
  ])('%j', (syntax, specs) => {
    expect(parseSyntax(syntax)).toEqual(specs);
  });

  it.each(['<x', '<x]', '<rest...> <more>', '[a] <b>', 'word', '<1x>'])('%j is a programming error', (syntax) => {
    expect(() => parseSyntax(syntax)).toThrow();
  });

  it('shows rest arguments without their marker', () => {
    expect(formatSyntax(parseSyntax('<name> [message...]'))).toBe('<name> [message]');
  });
});

describe('bindArguments', () => {
  it.each([
    ['<x> <y>', '1 2', { ok: true, values: { x: '1', y: '2' } }],
    ['<x> <y>', '  1 ,  2 ', { ok: true, values: { x: '1', y: '2' } }],
    ['<x> <y>', '1', { ok: false, message: 'y is missing' }],
    ['<x> <y>', '1 2 3', { ok: false, message: 'too many arguments ("3" is left over)' }],
    ['<name> <message...>', 'Bob  hello,  world ', { ok: true, values: { name: 'Bob', message: 'hello,  world' } }],
    ['[action] [name]', '', { ok: true, values: { action: undefined, name: undefined } }],
    ['[action] [name]', 'invite', { ok: true, values: { action: 'invite', name: undefined } }],
    ['', 'x', { ok: false, message: 'too many arguments ("x" is left over)' }],
    ['', '', { ok: true, values: {} }],
  ])('%j binds %j', (syntax, text, result) => {
    expect(bindArguments(parseSyntax(syntax), text)).toEqual(result);
  });
});
