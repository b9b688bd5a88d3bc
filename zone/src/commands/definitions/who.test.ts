import { DEFAULT_RULES } from '../../rules/rules.js';
import { player, testZone } from '../../world/fixtures.test-helpers.js';
import { emptyWorld, type World } from '../../world/types.js';
import { defaultCommands, executeCommand } from '../execute.js';

test('/who names every player in the zone, sorted, with level and archetype', () => {
  const zoe = player('Zoe', 0, 0);
  const ann = player('Ann', 10, 10, { player: { ...zoe.player!, characterId: 'Ann', archetype: 'mage', level: 7 } });
  const world: World = { ...emptyWorld(testZone), entities: new Map([zoe, ann].map((e) => [e.id, e])) };
  const { outgoing } = executeCommand(world, zoe, '/who', { rules: DEFAULT_RULES, commands: defaultCommands(), random: Math.random, now: () => 0 });
  expect(outgoing).toEqual([
    {
      to: 'c:Zoe',
      event: 'event',
      data: expect.objectContaining({ type: 'system', text: `2 players in ${testZone.name}: Ann (level 7 mage), Zoe (level 1 warrior)` }),
    },
  ]);
});
