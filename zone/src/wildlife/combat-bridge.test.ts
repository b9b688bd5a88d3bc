import { defaultCommands } from '../commands/execute.js';
import { CombatManager } from '../combat/combat-manager.js';
import { combatCommands } from '../combat/commands/index.js';
import { playerCombatant, resourcesOf, withResources, withState, type Fighter } from '../combat/combatant.js';
import { player, testZone } from '../world/fixtures.test-helpers.js';
import { DEFAULT_RULES } from '../rules/rules.js';
import { step, type StepContext } from '../simulation/step.js';
import { emptyWorld, type Entity, type Input, type Outgoing, type World } from '../world/types.js';
import { creatureCombat } from './combat-bridge.js';
import type { Armament } from './creature-combat.js';
import { statsAt } from './growth.js';
import { seeded } from '../combat/combat-fixtures.test-helpers.js';
import { testRule, testSpecies } from './wildlife.test-helpers.js';
import { WildlifeSystem } from './wildlife-system.js';

const dt = 1 / 20;
const wolfArmament = (level: number, temperament: Armament['temperament'] = 'aggressive'): Armament => ({
  stats: statsAt(testSpecies(), level),
  weapon: testSpecies().weapon,
  level,
  temperament,
  loot: [],
});
const blank: Entity = { id: 'w:x', kind: 'wildlife', name: 'Grey wolf', x: 0, y: 0, z: 0, heading: 0, maxSpeed: 1, intent: { kind: 'idle' } };

describe('creatureCombat', () => {
  it.each([
    ['aggressive', true],
    ['passive', true],
    ['skittish', false],
  ] as const)('arms a %s creature (retaliates: %p), its body kept at death', (temperament, retaliate) => {
    const armed = creatureCombat.arm(blank, wolfArmament(3, temperament)) as Fighter;
    expect(armed.combat).toMatchObject({ level: 3, retaliate, onDeath: 'keep', stats: { strength: 13, agility: 14 } });
    expect(resourcesOf(armed)).toMatchObject({ hp: 73, maxHp: 73 });
  });

  it('growing raises stats and max hp but keeps the damage taken', () => {
    const armed = creatureCombat.arm(blank, wolfArmament(2)) as Fighter;
    const hurt = withResources(armed, { ...resourcesOf(armed), hp: resourcesOf(armed).hp - 20 });
    const grown = creatureCombat.grow(hurt, wolfArmament(3)) as Fighter;
    expect(grown.combat.level).toBe(3);
    expect(resourcesOf(grown)).toMatchObject({ maxHp: 73, hp: 53 });
  });

  it('engage and reset: a leashed creature stops fighting and heals', () => {
    const armed = creatureCombat.arm(blank, wolfArmament(2)) as Fighter;
    const engaged = creatureCombat.engage(armed, 'c:p', 5) as Fighter;
    expect(creatureCombat.foe(engaged)).toBe('c:p');
    const hurt = withState(withResources(engaged, { ...resourcesOf(engaged), hp: 1 }), { damagedBy: { 'c:p': 63 } });
    expect(creatureCombat.attackers(hurt)).toEqual(['c:p']);
    const reset = creatureCombat.reset(hurt) as Fighter;
    expect(creatureCombat.foe(reset)).toBeUndefined();
    expect(creatureCombat.attackers(reset)).toEqual([]);
    expect(resourcesOf(reset).hp).toBe(resourcesOf(reset).maxHp);
  });
});

describe('wildlife with the combat system', () => {
  const fighterPlayer = (name: string, x: number, y: number, hp: number): Entity => {
    const base = player(name, x, y);
    return {
      ...base,
      player: { ...base.player!, resources: { ...base.player!.resources, hp, maxHp: hp } },
      combat: playerCombatant({
        stats: { strength: 14, agility: 10, intellect: 6, speed: 10 },
        weapon: { name: 'Sword', delay: 1, minDamage: 40, maxDamage: 40, range: 2 },
        abilities: [],
        xp: 0,
        inventory: [],
      }),
    };
  };

  function play(rule = testRule({ count: 1 }), seconds = 1, first: Input[] = [], world = emptyWorld(testZone), seed = 3) {
    const context: StepContext = {
      rules: DEFAULT_RULES,
      commands: defaultCommands(combatCommands()),
      systems: [new WildlifeSystem([rule], { combat: creatureCombat }), new CombatManager()],
      random: seeded(seed),
      now: () => 0,
    };
    let current = world;
    const outgoing: Outgoing[] = [];
    for (let i = 0; i < Math.round(seconds / dt); i += 1) {
      const result = step(current, i === 0 ? first : [], dt, context);
      current = result.world;
      outgoing.push(...result.outgoing);
    }
    return { world: current, outgoing, context };
  }
  const wildlife = (world: World) => [...world.entities.values()].filter((e) => e.kind === 'wildlife') as Fighter[];

  it('an aggressive wolf runs at a player in range and bites', () => {
    const start = play().world;
    const wolf = wildlife(start)[0]!;
    const { world, outgoing } = play(testRule({ count: 1 }), 10, [{ kind: 'join', entity: fighterPlayer('p', wolf.x + 12, wolf.y, 500) }], start);
    const bites = outgoing.filter(
      (o) => o.to === 'c:p' && o.event === 'event' && (o.data as { combat?: { source?: { id: string } } }).combat?.source?.id === wolf.id,
    );
    expect(bites.length).toBeGreaterThan(0);
    expect(world.entities.get('c:p')!.player!.resources.hp).toBeLessThan(500);
  });

  it('a creature killed by a player lies a moment, then respawns after respawnSeconds', () => {
    const rule = testRule({
      count: 1,
      respawnSeconds: 8,
      species: testSpecies({ temperament: 'passive', base: { hp: 30, strength: 1, agility: 1, intellect: 1, speed: 1 } }),
    });
    const start = play(rule).world;
    const boar = wildlife(start)[0]!;
    const hunter = fighterPlayer('hunter', boar.x + 1, boar.y, 1000);
    const attack: Input[] = [
      { kind: 'join', entity: hunter },
      { kind: 'command', entityId: 'c:hunter', text: `/attack ${boar.id}` },
    ];
    const fought = play(rule, 4, attack, start);
    const died = fought.outgoing.some(
      (o) => o.to === 'c:hunter' && o.event === 'event' && (o.data as { combat?: { result?: string } }).combat?.result === 'death',
    );
    expect(died).toBe(true);
    // The body stays a moment (onDeath: 'keep'), then the wildlife system clears it away.
    expect((fought.world.entities.get(boar.id) as Fighter | undefined)?.combat.state.dead).toBe(true);
    const later = play(rule, 12, [], fought.world);
    const [reborn] = wildlife(later.world);
    expect(reborn).toBeDefined();
    expect(reborn!.id).not.toBe(boar.id);
    expect(reborn!.combat.state.dead).toBe(false);
  });
});
