import { CombatSnapshot } from '@aether/shared';
import { restoreLoot } from '../combat/items/loot-window.js';
import { initialCombatState } from '../combat/combatant.js';
import { restoreCombat, snapshotCombat } from '../combat/combat-snapshot.js';
import { isRunning } from '../server/fight-checkpoint.js';

describe('item cooldowns across a crossing or a relog', () => {
  const state = {
    ...initialCombatState(),
    cooldowns: { 'item:healing-draught': 130 },
    loot: { from: 'the Wolf', items: [{ itemId: 'wolf-pelt', quantity: 2 }], expiresAt: 150 },
  };

  it('travel in the snapshot as time left, and come back minus the time away', () => {
    const snapshot = CombatSnapshot.parse(JSON.parse(JSON.stringify(snapshotCombat(state, 100))));
    expect(snapshot.cooldowns).toEqual({ 'item:healing-draught': 30 });
    expect(isRunning(snapshot)).toBe(true);
    const back = restoreCombat(snapshot, { now: 7, elapsed: 10, target: () => undefined });
    expect(back.cooldowns).toEqual({ 'item:healing-draught': 27 });
  });

  it('the loot window is not in the snapshot: it travels in PostgreSQL with the bags it empties into', () => {
    const snapshot = snapshotCombat({ ...initialCombatState(), loot: state.loot }, 100);
    expect(snapshot).not.toHaveProperty('loot');
    expect(isRunning(snapshot)).toBe(false);
  });
});

describe('restoreLoot', () => {
  const saved = { from: 'the Wolf', items: [{ itemId: 'wolf-pelt', quantity: 2 }], expiresAt: 1_000_000 };

  it.each([
    ['nothing stored', null, 990_000, undefined],
    ['ran out before the load', saved, 1_000_000, undefined],
    ['the time left carries over to this world’s clock', saved, 990_000, { from: 'the Wolf', items: [{ itemId: 'wolf-pelt', quantity: 2 }], expiresAt: 17 }],
  ] as const)('%s', (_name, stored, wallClock, expected) => {
    expect(restoreLoot(stored, 7, wallClock)).toEqual(expected);
  });
});
