import type { ItemStack, WorldEnter } from '@aether/shared/protocol';
import { PlayerState } from './player-state.js';

const world: WorldEnter = {
  character: {
    id: 'ch1',
    name: 'Alice',
    archetype: 'ranger',
    level: 1,
    zoneId: 'zone-crossroads',
    entityId: 'c:ch1',
    x: 100,
    y: 100,
    z: 0,
    heading: 0,
    resources: { hp: 90, maxHp: 90, stamina: 80, maxStamina: 80, mana: 20, maxMana: 20 },
  },
  zone: { id: 'zone-crossroads', name: 'The Crossroads', bounds: { minX: 0, minY: 0, maxX: 200, maxY: 200 }, adjacent: [] },
};

const pelt: ItemStack = { itemId: 'boar-pelt', name: 'Boar Pelt', quantity: 1, kind: 'material', detail: 'Material' };
const combat = {
  inCombat: true,
  target: { id: 'w:1', name: 'Wild boar', health: 80 },
  atb: 40,
  atbRate: 10,
  autoAttack: { active: true, ready: false, remaining: 1 },
  effects: [],
};

test('keeps the pools from world_enter and the partial updates after it', () => {
  const state = new PlayerState();
  expect(state.status()).toBeUndefined();
  state.update({ character: { hp: 1 } });
  expect(state.status()).toBeUndefined();
  state.enter(world);
  expect(state.status()).toBe('[HP 90/90 | ST 80/80 | MP 20/20]');
  state.update({ character: { hp: 72.4, x: 5 } });
  state.update({ character: { stamina: 70, maxHp: 95 } });
  expect(state.status()).toBe('[HP 72/95 | ST 70/80 | MP 20/20]');
  expect(state.targetId()).toBeUndefined();
  state.update({ combat });
  expect(state.status()).toBe('[HP 72/95 | ST 70/80 | MP 20/20 | ATB 40% | Wild boar 80%]');
  expect(state.targetId()).toBe('w:1');
  state.update({ character: { mana: 5 }, pvp: { policy: 'open' } });
  expect(state.status()).toBe('[HP 72/95 | ST 70/80 | MP 5/20 | ATB 40% | Wild boar 80% | PvP]');
});

test('a new world_enter starts a fresh combat view but keeps belongings and quests', () => {
  const state = new PlayerState();
  state.enter(world);
  state.update({ combat, belongings: { coins: 10, bagSlots: 20, bags: [], equipment: [] }, quests: [] });
  state.enter(world);
  expect(state.status()).toBe('[HP 90/90 | ST 80/80 | MP 20/20]');
  expect(state.inventory()?.[0]).toBe('Coins: 10');
  expect(state.questLog()).toEqual(['No quests: your log is empty and nobody near you offers one.']);
});

test('tables are unknown until the server sends their state, then follow its latest', () => {
  const state = new PlayerState();
  state.enter(world);
  expect(state.inventory()).toBeUndefined();
  expect(state.questLog()).toBeUndefined();
  state.update({ belongings: { coins: 10, bagSlots: 20, bags: [], equipment: [] } });
  state.update({ belongings: { coins: 12, bagSlots: 20, bags: [{ ...pelt, slot: 1 }], equipment: [] } });
  expect(state.inventory()).toEqual(expect.arrayContaining(['Coins: 12', '     1  Boar Pelt    1  Material']));
});

test('a loot window is printed once when it opens or changes, not on every resend', () => {
  const state = new PlayerState();
  state.enter(world);
  const tusks = { ...pelt, itemId: 'boar-tusk', name: 'Boar Tusk', quantity: 2 };
  expect(state.update({ loot: { from: 'Wild boar', items: [pelt, tusks], expiresIn: 60 } })).toEqual([
    'Loot from Wild boar: Boar Pelt ×1, Boar Tusk ×2 (/loot to take)',
  ]);
  expect(state.update({ loot: { from: 'Wild boar', items: [pelt, tusks], expiresIn: 55 } })).toEqual([]);
  expect(state.update({ character: { hp: 3 } })).toEqual([]);
  expect(state.update({ loot: { from: 'Wild boar', items: [tusks], expiresIn: 50 } })).toEqual(['Loot from Wild boar: Boar Tusk ×2 (/loot to take)']);
  expect(state.update({ loot: null })).toEqual([]);
  expect(state.update({ loot: { from: 'Wild boar', items: [tusks], expiresIn: 60 } })).toEqual(['Loot from Wild boar: Boar Tusk ×2 (/loot to take)']);
});
