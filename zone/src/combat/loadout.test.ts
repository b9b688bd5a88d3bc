import { DEFAULT_RULES } from '../rules/rules.js';
import { ZoneRuntime } from '../server/zone-runtime.js';
import { testZone } from '../world/fixtures.test-helpers.js';
import { defaultCommands } from '../commands/execute.js';
import { AbilityCatalog } from './abilities/ability-catalog.js';
import { ItemCatalog } from './items/item-catalog.js';
import { combatantForCharacter, resolveLoadout } from './loadout.js';
import { CombatManager } from './combat-manager.js';
import { BatchReader } from '@aether/shared/wire';
import type { StateUpdate } from '@aether/shared';

const catalogs = { abilities: new AbilityCatalog(), items: new ItemCatalog() };
const stats = { strength: 14, agility: 10, intellect: 6, speed: 10 };

describe('loadout', () => {
  it('resolves learned abilities, named bag stacks and the wielded weapon', () => {
    const loadout = resolveLoadout(
      { archetype: 'mage', level: 1 },
      {
        learned: ['power-strike'],
        inventory: [
          { slot: 0, itemId: 'rusty-sword', quantity: 1 },
          { slot: 3, itemId: 'wolf-pelt', quantity: 4 },
          { slot: 4, itemId: 'gone', quantity: 1 },
        ],
      },
      catalogs,
    );
    expect(loadout.abilities.map((a) => a.id).sort()).toEqual(['firebolt', 'first-aid', 'power-strike']);
    expect(loadout.inventory).toEqual([
      { slot: 0, itemId: 'rusty-sword', name: 'Rusty Sword', quantity: 1 },
      { slot: 3, itemId: 'wolf-pelt', name: 'Wolf Pelt', quantity: 4 },
    ]);
    expect(loadout.weapon.name).toBe('Rusty Sword');
  });

  it('without a stored loadout a character gets its archetype’s defaults', () => {
    const combat = combatantForCharacter({ archetype: 'ranger', level: 3, xp: 320, stats });
    expect(combat.weapon.name).toBe('Hunting Bow');
    expect(combat.abilities.map((a) => a.id).sort()).toEqual(['aimed-shot', 'crippling-shot', 'first-aid']);
    expect(combat.xp).toBe(320);
    expect(combat.resources).toBeUndefined();
  });

  it('a character joining a zone arrives as a fighter and is told its combat view', () => {
    const runtime = new ZoneRuntime(testZone, {
      rules: DEFAULT_RULES,
      commands: defaultCommands(),
      systems: [new CombatManager()],
      random: () => 0.5,
      now: () => 0,
    });
    runtime.join(
      {
        id: 'c1',
        name: 'Ann',
        archetype: 'warrior',
        level: 2,
        xp: 150,
        zoneId: testZone.id,
        x: 10,
        y: 10,
        z: 0,
        heading: 0,
        hp: 50,
        maxHp: 120,
        stamina: 100,
        maxStamina: 100,
        mana: 20,
        maxMana: 20,
        ...stats,
      },
      'gw-1',
    );
    const frames: Array<{ characterId: string; frame: Uint8Array }> = [];
    runtime.tick(1 / 20, (entityId, frame) => frames.push({ characterId: entityId, frame }));
    const seen = new BatchReader().read({ messages: [], frames }).map(({ characterId, ...rest }) => ({ to: characterId, ...rest }));
    const update = seen.find((o) => o.event === 'state_update' && (o.data as StateUpdate).combat);
    // 50 hp plus the first regeneration pulse: 3 % of 120, rounded up.
    expect(update).toMatchObject({ to: 'c:c1', data: { character: { hp: 54, level: 2, xp: 150 }, combat: { inCombat: false, atb: 1 } } });
  });
});
