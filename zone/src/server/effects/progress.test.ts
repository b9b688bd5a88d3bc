import type { ChangeOrigin, ChangePart } from '../ports.js';
import { progressHandlers } from './progress.js';

describe('progressHandlers', () => {
  it('hands each effect to the outbox with the zone and epoch it was made under', async () => {
    const added: Array<[string, ChangeOrigin, ChangePart]> = [];
    const handlers = progressHandlers({ add: (id, origin, part) => void added.push([id, origin, part]) });
    const origin = { zoneId: 'zone-test', epoch: 7 };
    const stats = { strength: 12, agility: 11, intellect: 10, speed: 10 };
    await handlers.progress({ kind: 'progress', characterId: 'c1', level: 2, xp: 120, stats, maxHp: 112, maxStamina: 56, maxMana: 22 }, origin);
    await handlers.ability_learned({ kind: 'ability_learned', characterId: 'c1', abilityId: 'shield-bash' }, origin);
    await handlers.inventory({ kind: 'inventory', characterId: 'c1', slot: 1, itemId: 'wolf-pelt', quantity: 2 }, origin);
    expect(added).toEqual([
      ['c1', origin, { progress: { level: 2, xp: 120, stats, maxHp: 112, maxStamina: 56, maxMana: 22 } }],
      ['c1', origin, { learned: 'shield-bash' }],
      ['c1', origin, { slot: { slot: 1, itemId: 'wolf-pelt', quantity: 2 } }],
    ]);
  });
});
