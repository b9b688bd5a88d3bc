import { abilityFromRecord, abilityToRecord } from './ability-record.js';
import { AbilityCatalog } from './ability-catalog.js';
import { DEFAULT_ABILITIES } from './default-abilities.js';
import { findAbility } from './find-ability.js';

describe('ability records', () => {
  it.each(DEFAULT_ABILITIES.map((ability) => [ability.id, ability] as const))('%s survives the trip to a database row and back', (_id, ability) => {
    expect(abilityFromRecord(abilityToRecord(ability))).toEqual({ ok: true, ability });
  });

  const row = abilityToRecord(DEFAULT_ABILITIES[1]!);
  it.each([
    ['an unknown target', { target: 'ally' }, /target "ally"/],
    ['an unknown effect', { effect: 'teleport' }, /unknown effect "teleport"/],
    ['an unknown archetype', { archetype: 'bard' }, /unknown archetype "bard"/],
    ['an unknown stat', { scalingStat: 'luck' }, /unknown scaling stat "luck"/],
    ['a status without a duration', { effect: 'stun', duration: 0 }, /needs a duration/],
    ['a negative cost', { manaCost: -1 }, /manaCost must be ≥ 0/],
    ['more ATB than a gauge holds', { atbCost: 120 }, /more than a full gauge/],
  ])('a row with %s is refused with the reason', (_name, change, message) => {
    const parsed = abilityFromRecord({ ...row, ...change });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toMatch(message);
  });
});

describe('AbilityCatalog', () => {
  const catalog = new AbilityCatalog();

  it.each([
    ['warrior', 1, ['first-aid', 'power-strike']],
    ['warrior', 3, ['first-aid', 'power-strike', 'shield-bash']],
    ['mage', 5, ['firebolt', 'first-aid', 'frost-grip', 'haste']],
    ['ranger', 1, ['aimed-shot', 'first-aid']],
  ] as const)('a level %2$d %1$s knows %3$j', (archetype, level, ids) => {
    expect(
      catalog
        .knownBy(archetype, level)
        .map((a) => a.id)
        .sort(),
    ).toEqual(ids);
  });

  it('knows learned abilities beyond its archetype and skips unknown ids', () => {
    expect(
      catalog
        .knownBy('mage', 1, ['power-strike', 'no-such'])
        .map((a) => a.id)
        .sort(),
    ).toEqual(['firebolt', 'first-aid', 'power-strike']);
  });

  it('database rows override defaults by id and bad rows are reported, not loaded', () => {
    const problems: string[] = [];
    const tuned = AbilityCatalog.fromRecords(
      [
        { ...abilityToRecord(DEFAULT_ABILITIES[1]!), cooldown: 1 },
        { ...abilityToRecord(DEFAULT_ABILITIES[1]!), id: 'broken', effect: 'nope' },
      ],
      (message) => problems.push(message),
    );
    expect(tuned.get('power-strike')?.cooldown).toBe(1);
    expect(tuned.get('broken')).toBeUndefined();
    expect(tuned.get('firebolt')).toBeDefined();
    expect(problems).toEqual(['ability "broken": unknown effect "nope"']);
  });
});

describe('findAbility', () => {
  const known = new AbilityCatalog().knownBy('warrior', 5);
  it.each([
    ['power-strike', 'power-strike'],
    ['PowerStrike', 'power-strike'],
    ['power', 'power-strike'],
    ['battle_cry', 'battle-cry'],
    ['shi', 'shield-bash'],
  ])('%s → %s', (query, id) => {
    const found = findAbility(known, query);
    expect(found.ok && found.ability.id).toBe(id);
  });

  it.each([
    ['powr-strike', 'You do not know "powr-strike". Did you mean power-strike? Type /ability for your list.'],
    ['firebolt', 'You do not know "firebolt". Type /ability for your list.'],
  ])('%s is refused: %s', (query, message) => {
    expect(findAbility(known, query)).toEqual({ ok: false, message });
  });
});
