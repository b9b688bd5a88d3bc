import fc from 'fast-check';
import { bindArguments, formatSyntax, parseSyntax } from './syntax.js';

describe('parseSyntax', () => {
  it.each([
    ['', []],
    [
      '<x> <y>',
      [
        { name: 'x', optional: false, kind: 'word' },
        { name: 'y', optional: false, kind: 'word' },
      ],
    ],
    [
      '<name> <message...>',
      [
        { name: 'name', optional: false, kind: 'word' },
        { name: 'message', optional: false, kind: 'text' },
      ],
    ],
    [
      '[action] [name]',
      [
        { name: 'action', optional: true, kind: 'word' },
        { name: 'name', optional: true, kind: 'word' },
      ],
    ],
    [
      '<item+> [qty#]',
      [
        { name: 'item', optional: false, kind: 'name' },
        { name: 'qty', optional: true, kind: 'number' },
      ],
    ],
  ])('%j', (syntax, specs) => {
    expect(parseSyntax(syntax)).toEqual(specs);
  });

  it.each(['<x', '<x]', '<rest...> <more>', '[a] <b>', 'word', '<1x>', '<name+> [other]', '<name+> [more...]', '[x+] <n#>', '<x*>'])(
    '%j is a programming error',
    (syntax) => {
      expect(() => parseSyntax(syntax)).toThrow();
    },
  );

  it('shows rest arguments without their marker', () => {
    expect(formatSyntax(parseSyntax('<name> [message...]'))).toBe('<name> [message]');
    expect(formatSyntax(parseSyntax('[ability] [target+] [ordinal#]'))).toBe('[ability] [target] [ordinal]');
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
    // Quoted words.
    ['<name> <message...>', '"Bob" hello', { ok: true, values: { name: 'Bob', message: 'hello' } }],
    ['<name> <message...>', "'Bob' it's \"fine\"", { ok: true, values: { name: 'Bob', message: 'it\'s "fine"' } }],
    ['<name> <message...>', "'Bob it's fine", { ok: false, message: "a quote is not closed: 'Bob it's fine" }],
    ['[command]', '"party"', { ok: true, values: { command: 'party' } }],
    ['<x> <y>', '"1" "2" "3"', { ok: false, message: 'too many arguments (""3"" is left over)' }],
    ['<message...>', '"quoted" and \'kept\'', { ok: true, values: { message: '"quoted" and \'kept\'' } }],
    // Names of several words, with an ordinal or a quantity from the end.
    ['[name+] [ordinal#]', 'wild boar', { ok: true, values: { name: 'wild boar', ordinal: undefined } }],
    ['[name+] [ordinal#]', '  Wild   boar ', { ok: true, values: { name: 'Wild boar', ordinal: undefined } }],
    ['[name+] [ordinal#]', 'wild boar 2', { ok: true, values: { name: 'wild boar', ordinal: '2' } }],
    ['[name+] [ordinal#]', '"Wild boar" 2', { ok: true, values: { name: 'Wild boar', ordinal: '2' } }],
    ['[name+] [ordinal#]', "'wild boar'", { ok: true, values: { name: 'wild boar', ordinal: undefined } }],
    ['[name+] [ordinal#]', '"wild boar 2"', { ok: true, values: { name: 'wild boar 2', ordinal: undefined } }],
    ['[name+] [ordinal#]', ', wild,boar, 2', { ok: true, values: { name: 'wild boar', ordinal: '2' } }],
    ['[name+] [ordinal#]', 'w:17', { ok: true, values: { name: 'w:17', ordinal: undefined } }],
    ['[name+] [ordinal#]', '2', { ok: true, values: { name: '2', ordinal: undefined } }],
    ['[name+] [ordinal#]', 'boar "2"', { ok: true, values: { name: 'boar 2', ordinal: undefined } }],
    ['[name+] [ordinal#]', '', { ok: true, values: { name: undefined, ordinal: undefined } }],
    ['[name+] [ordinal#]', '"Wild boar 2', { ok: false, message: 'a quote is not closed: "Wild boar 2' }],
    ['[name+] [ordinal#]', 'wild "boar', { ok: false, message: 'a quote is not closed: "boar' }],
    ['<item+> [qty#]', "'hunter's knife' 3", { ok: true, values: { item: "hunter's knife", qty: '3' } }],
    ['<item+> [qty#]', "hunter's knife 3", { ok: true, values: { item: "hunter's knife", qty: '3' } }],
    ['<item+> [qty#]', '', { ok: false, message: 'item is missing' }],
    ['<item+> <qty#>', 'pelt', { ok: false, message: 'qty is missing' }],
    ['<item+> <qty#>', 'wolf pelt all', { ok: true, values: { item: 'wolf pelt', qty: 'all' } }],
    ['[ability] [target+] [ordinal#]', 'firebolt wild boar 2', { ok: true, values: { ability: 'firebolt', target: 'wild boar', ordinal: '2' } }],
    ['[ability] [target+] [ordinal#]', 'firebolt', { ok: true, values: { ability: 'firebolt', target: undefined, ordinal: undefined } }],
  ])('%j binds %j', (syntax, text, result) => {
    expect(bindArguments(parseSyntax(syntax), text)).toEqual(result);
  });
});

describe('bindArguments on anything typed', () => {
  const syntaxes = ['<name> <message...>', '[name+] [ordinal#]', '[ability] [target+] [ordinal#]', '<item+> <qty#>', '<x> <y>'].map(parseSyntax);
  const text = fc
    .array(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('"', "'", ',', ' ', '2', 'wild', 'boar', "'s")), { maxLength: 12 })
    .map((parts) => parts.join(''));

  it('ends with values or a message, never an exception', () => {
    fc.assert(
      fc.property(fc.constantFrom(...syntaxes), text, (specs, typed) => {
        const result = bindArguments(specs, typed);
        if (result.ok) for (const spec of specs) expect(spec.name in result.values).toBe(true);
        else expect(result.message.length).toBeGreaterThan(0);
      }),
    );
  });
});
