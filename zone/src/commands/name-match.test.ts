import { matchName, type NameCandidate } from './name-match.js';

const near: NameCandidate[] = [
  { id: 'w:1', name: 'Wolf', order: 10 },
  { id: 'w:2', name: 'Wolf', order: 4 },
  { id: 'w:3', name: 'Wild boar', order: 30 },
  { id: 'w:4', name: 'Wild boar', order: 12 },
  { id: 'w:5', name: 'Wolf Pup', order: 2 },
  { id: 'c:bob', name: 'Bob', order: 8 },
];

const pick = (name: string, ordinal?: number) => {
  const found = matchName({ name, ordinal }, near);
  return found.ok ? found.match.id : found.message;
};

describe('matchName', () => {
  it.each([
    ['wild boar', undefined, 'w:4'],
    ['Wild boar', undefined, 'w:4'],
    ['  WILD   BOAR ', undefined, 'w:4'],
    ['wild boar', 2, 'w:3'],
    ['boar', undefined, 'w:4'],
    ['wild bo', 2, 'w:3'],
    ['wolf', undefined, 'w:2'],
    ['wolf', 2, 'w:1'],
    ['wol', undefined, 'w:5'],
    ['pup', undefined, 'w:5'],
    ['olf', undefined, 'w:5'],
    ['w:3', undefined, 'w:3'],
    ['bob', undefined, 'c:bob'],
  ])('%j (ordinal %s) is %s', (name, ordinal, id) => {
    expect(pick(name, ordinal)).toBe(id);
  });

  it.each([
    ['wild boar', 3, 'There are only 2 "wild boar" near you.'],
    ['bob', 2, 'There is only 1 "bob" near you.'],
    ['wlof', undefined, 'There is no "wlof" near you. Did you mean Wolf?'],
    ['bear', undefined, 'There is no "bear" near you.'],
    ['boar wild', undefined, 'There is no "boar wild" near you.'],
    ['wolf', 0, 'Count from 1: "wolf 2" is the second one.'],
    ['   ', undefined, 'Name someone or something.'],
  ])('%j (ordinal %s) is refused: %s', (name, ordinal, message) => {
    expect(pick(name, ordinal)).toBe(message);
  });

  it('says where it looked and keeps equal orders as given (bag slots)', () => {
    const bags = [
      { id: 's:2', name: 'Healing draught', order: 2, quantity: 3 },
      { id: 's:1', name: 'Healing draught', order: 1, quantity: 1 },
    ];
    expect(matchName({ name: 'healing draught', where: 'in your bags' }, bags)).toEqual({ ok: true, match: bags[1] });
    expect(matchName({ name: 'draught', ordinal: 3, where: 'in your bags' }, bags)).toEqual({
      ok: false,
      message: 'There are only 2 "draught" in your bags.',
    });
    expect(matchName({ name: 'pelt', where: 'in your bags' }, [])).toEqual({ ok: false, message: 'There is no "pelt" in your bags.' });
  });
});
