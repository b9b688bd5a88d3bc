import { command, fighter, get, run, wolf, worldOf } from '../combat/combat-fixtures.test-helpers.js';
import { fightingStats } from '../combat/combatant.js';
import { ItemCatalog } from '../combat/items/item-catalog.js';
import { wearing } from './equipment.js';

describe('worn equipment and levelling up', () => {
  it('the stored stats and max hp grow and are written without the bonuses; the bonuses stay on top', () => {
    const items = new ItemCatalog();
    const ann = wearing(fighter('ann', 10, 10), [{ slot: 1002, itemId: 'wolfhide-jerkin', name: 'Wolfhide Jerkin', quantity: 1 }], items);
    expect(ann.player!.resources.maxHp).toBe(115);
    const { world, effects } = run(worldOf(ann, wolf(11, 10, { hp: 1, xpValue: 100 })), 1, { inputs: [[command('c:ann', '/attack wolf')]], random: () => 0.5 });
    const after = get(world, 'c:ann');
    expect(after.player!.level).toBe(2);
    const progress = effects.find((effect) => effect.kind === 'progress');
    // Warriors grow +2 strength, +1 agility and +12 hp a level.
    expect(progress).toMatchObject({ stats: { strength: 12, agility: 11, intellect: 10, speed: 10 }, maxHp: 112 });
    expect(after.combat.stats).toEqual({ strength: 12, agility: 11, intellect: 10, speed: 10 });
    expect(fightingStats(after.combat)).toEqual({ strength: 14, agility: 13, intellect: 10, speed: 10 });
    expect(after.player!.resources.maxHp).toBe(127);
  });
});
