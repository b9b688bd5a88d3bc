import { describe, expect, it } from '@jest/globals';
import { BusMessages } from '@aether/shared';
import { defaultCommands } from '../../commands/execute.js';
import { DEFAULT_RULES } from '../../rules/rules.js';
import { step } from '../../simulation/step.js';
import { ghostEntity } from '../../borders/border-interest.js';
import type { Effect } from '../../world/effects.js';
import { emptyWorld, type Entity, type Input, type Outgoing, type World, type ZoneDef } from '../../world/types.js';
import { combatCommands } from '../commands/index.js';
import { CombatManager } from '../combat-manager.js';
import { westAndEast } from '../../world/fixtures.test-helpers.js';
import { command, DT, fighter, get, seeded, texts, wolf } from '../combat-fixtures.test-helpers.js';
import type { Fighter } from '../combatant.js';
import type { RemoteStrike } from './remote-combat.js';

const [WEST, EAST] = westAndEast({ ids: ['west', 'east'], names: ['West Field', 'East Field'], neighbors: true });

function zoneWith(zone: ZoneDef, ...entities: Entity[]): World {
  return { ...emptyWorld(zone), entities: new Map(entities.map((entity) => [entity.id, entity])) };
}

/** What crosses between the zones, as the bus would carry it (through its schemas). */
function deliver(effects: readonly Effect[], fromZoneId: string, to: Map<string, Input[]>): void {
  const add = (zoneId: string, input: Input) => to.get(zoneId)?.push(input);
  for (const effect of effects) {
    if (effect.kind === 'border') {
      const { entities } = BusMessages['zone.border'].parse({ fromZoneId, entities: effect.entities });
      add(effect.toZoneId, { kind: 'ghosts', fromZoneId, entities: entities.map((entity) => ghostEntity(entity, fromZoneId)) });
    } else if (effect.kind === 'combat.strike') {
      add(effect.toZoneId, { kind: 'strike', strike: BusMessages['zone.strike'].parse(effect.strike) });
    } else if (effect.kind === 'combat.strike_result') {
      add(effect.toZoneId, { kind: 'strike_result', result: BusMessages['zone.strike_result'].parse(effect.result) });
    }
  }
}

interface Twin {
  worlds: Map<string, World>;
  outgoing: Outgoing[];
  effects: Effect[];
}

/** Two zones ticking side by side, each one's border reports, strikes and results going to the other the next tick. */
function runTwin(west: World, east: World, ticks: number, inputs: Record<number, Record<string, Input[]>> = {}): Twin {
  const context = {
    rules: DEFAULT_RULES,
    commands: defaultCommands(combatCommands()),
    systems: [new CombatManager()],
    random: seeded(7),
    now: () => 0,
  };
  const worlds = new Map([
    ['west', west],
    ['east', east],
  ]);
  let pending = new Map<string, Input[]>([
    ['west', []],
    ['east', []],
  ]);
  const outgoing: Outgoing[] = [];
  const effects: Effect[] = [];
  for (let i = 0; i < ticks; i++) {
    const next = new Map<string, Input[]>([
      ['west', []],
      ['east', []],
    ]);
    for (const [zoneId, world] of worlds) {
      const result = step(world, [...pending.get(zoneId)!, ...(inputs[i]?.[zoneId] ?? [])], DT, context);
      worlds.set(zoneId, result.world);
      outgoing.push(...result.outgoing);
      effects.push(...result.effects);
      deliver(result.effects, zoneId, next);
    }
    pending = next;
  }
  return { worlds, outgoing, effects };
}

const eastWolf = (options: Parameters<typeof wolf>[2] = {}) => wolf(201, 100, options);

describe('fighting across a zone border', () => {
  it('a player targets and attacks a creature across the border; its zone takes the hp and answers with the lines', () => {
    const ann = fighter('ann', 199, 100);
    const { worlds, outgoing } = runTwin(zoneWith(WEST, ann), zoneWith(EAST, eastWolf({ hp: 500 })), 60, {
      4: { west: [command('c:ann', '/attack wolf')] },
    });
    expect(texts(outgoing, 'c:ann')).toContain('You attack the Wolf.');
    const wolfNow = get(worlds.get('east')!, 'w:1');
    expect(wolfNow.combat.resources!.hp).toBeLessThan(500);
    expect(wolfNow.combat.state.damagedBy['c:ann']).toBe(500 - wolfNow.combat.resources!.hp);
    expect(texts(outgoing, 'c:ann').some((line) => /^You (hit|miss) the Wolf/.test(line))).toBe(true);
    // The attacker is in combat at home, still aiming at the ghost.
    expect(get(worlds.get('west')!, 'c:ann').combat.state).toMatchObject({ inCombat: true, autoAttacking: true, targetId: 'w:1' });
  });

  it('a kill across the border: the creature dies in its zone, the attacker gets the experience and the loot window at home', () => {
    const ann = fighter('ann', 199, 100);
    const wolfOnly = eastWolf({ hp: 8, xpValue: 40 });
    const prey: Fighter = { ...wolfOnly, combat: { ...wolfOnly.combat, loot: [{ itemId: 'wolf-pelt', chance: 1, minQuantity: 2, maxQuantity: 2 }] } };
    const { worlds, outgoing, effects } = runTwin(zoneWith(WEST, ann), zoneWith(EAST, prey), 200, { 4: { west: [command('c:ann', '/attack wolf')] } });
    expect(worlds.get('east')!.entities.has('w:1')).toBe(false);
    const home = get(worlds.get('west')!, 'c:ann');
    expect(home.combat.xp).toBe(40);
    expect(home.combat.state.loot?.items).toEqual([{ itemId: 'wolf-pelt', quantity: 2 }]);
    expect(home.combat.state).toMatchObject({ autoAttacking: false, targetId: undefined });
    const lines = texts(outgoing, 'c:ann');
    expect(lines).toContain('The Wolf dies.');
    expect(lines).toContain('You gain 40 experience for the Wolf.');
    expect(lines.some((line) => line.startsWith('The Wolf leaves loot: 2 × Wolf Pelt.'))).toBe(true);
    // Progress is written through by the attacker's zone, as for a local kill.
    expect(effects).toContainEqual(expect.objectContaining({ kind: 'progress', characterId: 'ann', xp: 40 }));
  });

  it('a creature that retaliates hits back across the border when the attacker is within its reach', () => {
    const ann = fighter('ann', 199, 100, { resources: { hp: 1000, maxHp: 1000 } });
    const { worlds, outgoing } = runTwin(zoneWith(WEST, ann), zoneWith(EAST, eastWolf({ hp: 5000, retaliate: true })), 120, {
      4: { west: [command('c:ann', '/attack wolf')] },
    });
    const home = get(worlds.get('west')!, 'c:ann');
    expect(home.player!.resources.hp).toBeLessThan(1000);
    expect(home.combat.state.damagedBy['w:1']).toBeGreaterThan(0);
    expect(texts(outgoing, 'c:ann').some((line) => /^The Wolf (hits|misses) you/.test(line))).toBe(true);
    expect(get(worlds.get('east')!, 'w:1').combat.state).toMatchObject({ targetId: 'c:ann', autoAttacking: true });
  });

  it('an ability at a ghost is paid for at home and resolved across the border', () => {
    const ann = fighter('ann', 199, 100, { atb: 100 });
    const { worlds, outgoing } = runTwin(zoneWith(WEST, ann), zoneWith(EAST, eastWolf({ hp: 500 })), 20, {
      4: { west: [command('c:ann', '/ability power-strike wolf')] },
    });
    expect(get(worlds.get('west')!, 'c:ann').combat.state.cooldowns['power-strike']).toBeDefined();
    expect(get(worlds.get('east')!, 'w:1').combat.resources!.hp).toBeLessThanOrEqual(500);
    expect(texts(outgoing, 'c:ann').some((line) => /^Your Power Strike (hits|misses) the Wolf/.test(line))).toBe(true);
  });

  it('players do not fight each other across a border', () => {
    const ann = fighter('ann', 199, 100);
    const bob = fighter('bob', 201, 100);
    const { worlds, outgoing } = runTwin(zoneWith(WEST, ann), zoneWith(EAST, bob), 20, { 4: { west: [command('c:ann', '/attack bob')] } });
    expect(texts(outgoing, 'c:ann')).toContain('error: You cannot attack bob across a zone border.');
    expect(get(worlds.get('east')!, 'c:bob').player!.resources.hp).toBe(100);
  });

  it('the owner ignores a strike from an attacker it cannot see, and says so when the attacker is out of reach', () => {
    const strike: RemoteStrike = {
      fromZoneId: 'west',
      attacker: { id: 'c:ann', name: 'ann', kind: 'player', level: 1, stats: { strength: 10, agility: 10, intellect: 10, speed: 10 } },
      targetId: 'w:1',
      reach: 2.5,
      effect: { kind: 'damage', minDamage: 50, maxDamage: 50, bonus: 0 },
    };
    const east = zoneWith(EAST, eastWolf({ hp: 500 }));
    const unseen = runTwin(zoneWith(WEST), east, 3, { 0: { east: [{ kind: 'strike', strike }] } });
    expect(get(unseen.worlds.get('east')!, 'w:1').combat.resources!.hp).toBe(500);
    expect(unseen.effects.filter((effect) => effect.kind === 'combat.strike_result')).toEqual([]);
    // A strike is the combat update's for one tick only: the world after it carries none.
    expect(unseen.worlds.get('east')!.remoteCombat).toBeUndefined();

    // Ann stands 60 m from the wolf: the east sees her ghost, far out of a sword's reach.
    const far = runTwin(zoneWith(WEST, fighter('ann', 141, 100)), east, 6, { 4: { east: [{ kind: 'strike', strike }] } });
    expect(get(far.worlds.get('east')!, 'w:1').combat.resources!.hp).toBe(500);
    expect(texts(far.outgoing, 'c:ann')).toContain('The Wolf is out of reach (60 m).');
  });

  it('a ghost reported dead cannot be attacked', () => {
    const prey = eastWolf({ hp: 500, onDeath: 'keep' });
    const dead: Fighter = { ...prey, combat: { ...prey.combat, state: { ...prey.combat.state, dead: true } } };
    const { outgoing } = runTwin(zoneWith(WEST, fighter('ann', 199, 100)), zoneWith(EAST, dead), 10, { 4: { west: [command('c:ann', '/attack wolf')] } });
    expect(texts(outgoing, 'c:ann')).toContain('error: The Wolf is already dead.');
  });

  it('a target killed on its own side ends the attack at home, and pays the attacker its share', () => {
    const axe = { name: 'Axe', delay: 2, minDamage: 1000, maxDamage: 1000, range: 3 };
    const { worlds, outgoing } = runTwin(
      zoneWith(WEST, fighter('ann', 199, 100)),
      zoneWith(EAST, eastWolf({ hp: 2000, xpValue: 100 }), fighter('bob', 202, 100, { weapon: axe })),
      240,
      { 4: { west: [command('c:ann', '/attack wolf')] }, 60: { east: [command('c:bob', '/attack wolf')] } },
    );
    expect(worlds.get('east')!.entities.has('w:1')).toBe(false);
    const ann = get(worlds.get('west')!, 'c:ann');
    expect(ann.combat.state.autoAttacking).toBe(false);
    expect(ann.combat.xp).toBeGreaterThan(0);
    expect(get(worlds.get('east')!, 'c:bob').combat.xp).toBe(100 - ann.combat.xp);
    expect(texts(outgoing, 'c:ann')).toContain(`You gain ${ann.combat.xp} experience for the Wolf.`);
  });
});
