import { CombatSnapshot } from '@aether/shared';
import { initialCombatState } from '../combat/combatant.js';
import { restoreCombat, snapshotCombat } from '../combat/combat-snapshot.js';
import { isRunning } from '../server/fight-checkpoint.js';

describe('the loot window and item cooldowns across a crossing or a relog', () => {
  const state = {
    ...initialCombatState(),
    cooldowns: { 'item:healing-draught': 130 },
    loot: { from: 'the Wolf', items: [{ itemId: 'wolf-pelt', quantity: 2 }], expiresAt: 150 },
  };

  it('travel in the snapshot as time left, and come back minus the time away', () => {
    const snapshot = CombatSnapshot.parse(JSON.parse(JSON.stringify(snapshotCombat(state, 100))));
    expect(snapshot.loot).toEqual({ from: 'the Wolf', items: [{ itemId: 'wolf-pelt', quantity: 2 }], expiresIn: 50 });
    expect(snapshot.cooldowns).toEqual({ 'item:healing-draught': 30 });
    expect(isRunning(snapshot)).toBe(true);
    const back = restoreCombat(snapshot, { now: 7, elapsed: 10, target: () => undefined });
    expect(back.loot).toEqual({ from: 'the Wolf', items: [{ itemId: 'wolf-pelt', quantity: 2 }], expiresAt: 47 });
    expect(back.cooldowns).toEqual({ 'item:healing-draught': 27 });
  });

  it('a window that ran out meanwhile does not come back', () => {
    const snapshot = snapshotCombat(state, 100);
    expect(restoreCombat(snapshot, { now: 0, elapsed: 55, target: () => undefined }).loot).toBeUndefined();
    expect(snapshotCombat(state, 151).loot).toBeUndefined();
  });

  it('survives the dead branch too', () => {
    const dead = snapshotCombat({ ...state, dead: true, diedAt: 99 }, 100);
    expect(restoreCombat(dead, { now: 0, elapsed: 0, target: () => undefined }).loot?.expiresAt).toBe(50);
  });
});
