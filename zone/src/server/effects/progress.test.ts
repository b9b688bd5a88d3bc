import type { ProgressSave } from '@aether/shared/db';
import { progressHandlers, serialPerKey } from './progress.js';

const origin = { zoneId: 'zone-test' };

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('serialPerKey', () => {
  it('runs one key’s work in order, other keys alongside, and survives a failure', async () => {
    const inOrder = serialPerKey();
    const log: string[] = [];
    const gate = deferred();
    const first = inOrder('a', async () => {
      await gate.promise;
      log.push('a1');
    });
    const failing = inOrder('a', async () => {
      log.push('a2');
      throw new Error('boom');
    });
    const third = inOrder('a', async () => void log.push('a3'));
    await inOrder('b', async () => void log.push('b1'));
    expect(log).toEqual(['b1']);
    gate.resolve();
    await first;
    await expect(failing).rejects.toThrow('boom');
    await third;
    expect(log).toEqual(['b1', 'a1', 'a2', 'a3']);
  });
});

describe('progressHandlers', () => {
  const calls: unknown[][] = [];
  const handlers = progressHandlers({
    progress: {
      saveProgress: async (id: string, save: ProgressSave) => {
        calls.push(['progress', id, save.level, save.xp]);
        return true;
      },
    },
    abilities: { listAbilities: async () => [], listLearned: async () => [], learn: async (id, ability) => void calls.push(['learn', id, ability]) },
    inventory: { listInventory: async () => [], setSlot: async (id, slot, item, quantity) => void calls.push(['slot', id, slot, item, quantity]) },
  });

  it('writes each effect through to its repository', async () => {
    const stats = { strength: 12, agility: 11, intellect: 10, speed: 10 };
    await handlers.progress({ kind: 'progress', characterId: 'c1', level: 2, xp: 120, stats, maxHp: 112, maxStamina: 56, maxMana: 22 }, origin);
    await handlers.ability_learned({ kind: 'ability_learned', characterId: 'c1', abilityId: 'shield-bash' }, origin);
    await handlers.inventory({ kind: 'inventory', characterId: 'c1', slot: 1, itemId: 'wolf-pelt', quantity: 2 }, origin);
    expect(calls).toEqual([
      ['progress', 'c1', 2, 120],
      ['learn', 'c1', 'shield-bash'],
      ['slot', 'c1', 1, 'wolf-pelt', 2],
    ]);
  });
});
