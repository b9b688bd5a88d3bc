import { formatTable } from './table.js';
import { displayWidth } from './text-width.js';

test('columns line up under their headers, numbers to the right', () => {
  expect(
    formatTable(
      [{ header: 'Item' }, { header: 'Qty', align: 'right' }, { header: 'Details' }],
      [
        ['Boar Pelt', '1', 'Material'],
        ['Minor Healing Potion', '12', 'Consumable · heals 30'],
      ],
    ),
  ).toEqual([
    '  Item                  Qty  Details',
    '  --------------------  ---  ---------------------',
    '  Boar Pelt               1  Material',
    '  Minor Healing Potion   12  Consumable · heals 30',
  ]);
});

test('wide and combining characters keep the columns straight', () => {
  const rows = [
    ['山田', 'you'],
    ['Zoë', '12 m to the east'],
    ['Zoe\u0308y', 'far'],
    ['🐗 Boar', 'near'],
  ];
  const lines = formatTable([{ header: 'Name' }, { header: 'Where' }], rows);
  // The second column starts at the same terminal column on every line.
  const starts = rows.map(([, where], i) => displayWidth(lines[i + 2]!) - displayWidth(where!));
  expect(new Set(starts)).toEqual(new Set([displayWidth('  Name     ')]));
  expect(lines[2]).toBe('  山田     you');
  expect(lines[4]).toBe('  Zoe\u0308y     far');
});

test('hostile cells are one printable line, cut to their column’s width', () => {
  const lines = formatTable(
    [{ header: 'Item', max: 10 }, { header: 'Details' }],
    [
      ['Sword\u001b[2J\nof doom', 'Weapon\r\u202Eevil'],
      ['x'.repeat(50), 'ok'],
    ],
  );
  expect(lines[2]).toBe('  Sword[2J…   Weapon evil');
  expect(lines[3]).toBe(`  ${'x'.repeat(9)}…  ok`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for control characters that must not be there.
  for (const line of lines) expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
});

test('a table without rows is just its header', () => {
  expect(formatTable([{ header: 'Name' }], [])).toEqual(['  Name', '  ----']);
});
