import { DEFAULT_RULES } from '../rules/rules.js';
import { defaultCommands } from '../commands/execute.js';
import { testZone } from '../world/fixtures.test-helpers.js';
import { emptyWorld, type World } from '../world/types.js';
import { creatureCombat } from './combat-bridge.js';
import { summonCreature } from './summon.js';
import { testSpecies } from './wildlife.test-helpers.js';
import { WildlifeSystem } from './wildlife-system.js';
import { DEFAULT_WILDLIFE_TUNING } from './tuning.js';

describe('summonCreature (an admin’s /spawn)', () => {
  const context = { rules: DEFAULT_RULES, commands: defaultCommands(), random: () => 0.5, now: () => 0 };
  const wolf = summonCreature(testSpecies({ loot: [] }), 5, { zoneId: 'zone-test', x: 120, y: 80 }, 'w:summoned-1', creatureCombat);

  it('is an armed creature of the species at the level asked, where the admin stands', () => {
    expect(wolf).toMatchObject({ id: 'w:summoned-1', kind: 'wildlife', name: 'Grey wolf', x: 120, y: 80, wildlife: { speciesId: 'wolf', level: 5 } });
    expect(wolf.combat?.level).toBe(5);
  });

  it('lives in a zone without spawn rules, and its body is cleared away after death', () => {
    const system = new WildlifeSystem([], { combat: creatureCombat });
    let world: World = { ...emptyWorld(testZone), entities: new Map([[wolf.id, wolf]]) };
    world = system.update(world, 0.05, context).world;
    expect(world.entities.get(wolf.id)?.wildlife?.level).toBe(5);
    const body = world.entities.get(wolf.id)!;
    const dead = { ...body, combat: { ...body.combat!, state: { ...body.combat!.state, dead: true, diedAt: 0 } } };
    world = { ...world, time: DEFAULT_WILDLIFE_TUNING.corpseSeconds + 1, entities: new Map([[wolf.id, dead]]) };
    expect(system.update(world, 0.05, context).world.entities.has(wolf.id)).toBe(false);
  });
});
