import type { CombatState } from '@aether/shared/protocol';
import { formatStatus, type StatusView } from './status-line.js';

const resources = { hp: 85, maxHp: 100, stamina: 60, maxStamina: 100, mana: 40, maxMana: 100 };
const combat = (overrides: Partial<CombatState> = {}): CombatState => ({
  inCombat: true,
  target: { id: 'w:boar-1', name: 'Wild boar', health: 45.4 },
  atb: 70,
  atbRate: 10,
  autoAttack: { active: true, ready: false, remaining: 1 },
  effects: [],
  ...overrides,
});

test.each<[string, StatusView, string]>([
  ['at rest', { resources }, '[HP 85/100 | ST 60/100 | MP 40/100]'],
  ['fighting', { resources, combat: combat() }, '[HP 85/100 | ST 60/100 | MP 40/100 | ATB 70% | Wild boar 45%]'],
  [
    'a target picked, not yet fighting',
    { resources, combat: combat({ inCombat: false, atb: 100 }) },
    '[HP 85/100 | ST 60/100 | MP 40/100 | ATB 100% | Wild boar 45%]',
  ],
  ['combat over, gauge full', { resources, combat: combat({ inCombat: false, target: null, atb: 100 }) }, '[HP 85/100 | ST 60/100 | MP 40/100]'],
  [
    'casting while slowed',
    { resources, combat: combat({ casting: { ability: 'Fireball', remaining: 1, total: 2 }, effects: [{ kind: 'slow', remaining: 3 }], atb: 33.9 }) },
    '[HP 85/100 | ST 60/100 | MP 40/100 | ATB 33% | Wild boar 45% | casting Fireball | slow]',
  ],
  [
    'dead',
    { resources: { ...resources, hp: 0 }, combat: combat({ dead: { respawnIn: 5 }, effects: [{ kind: 'stun', remaining: 1 }] }) },
    '[HP 0/100 | ST 60/100 | MP 40/100 | dead]',
  ],
  ['in a duel', { resources, pvp: { policy: 'duel', duelWith: 'Bob' } }, '[HP 85/100 | ST 60/100 | MP 40/100 | duel: Bob]'],
  ['in an open-PvP zone', { resources, pvp: { policy: 'open' } }, '[HP 85/100 | ST 60/100 | MP 40/100 | PvP]'],
  ['a warrior has no mana pool', { resources: { ...resources, mana: 0, maxMana: 0 } }, '[HP 85/100 | ST 60/100]'],
  [
    'a scratch of life is not 0',
    { resources: { ...resources, hp: 0.3 }, combat: combat({ target: { id: 'w:1', name: 'Boar', health: 0.2 } }) },
    '[HP 1/100 | ST 60/100 | MP 40/100 | ATB 70% | Boar 1%]',
  ],
])('%s', (_what, view, text) => {
  expect(formatStatus(view)).toBe(text);
});

test('a hostile or endless target name is cleaned and cut', () => {
  const name = `Bo\u001b[31mar\u202E${'x'.repeat(40)}`;
  expect(formatStatus({ resources, combat: combat({ target: { id: 'w:1', name, health: 50 } }) })).toBe(
    `[HP 85/100 | ST 60/100 | MP 40/100 | ATB 70% | Bo[31mar${'x'.repeat(15)}… 50%]`,
  );
});
