import type { StateUpdate } from '@aether/shared';
import { SEED_NPCS } from '@aether/shared/db';
import { CombatManager } from '../combat/combat-manager.js';
import { combatCommands } from '../combat/commands/index.js';
import { DT, fighter, texts, wolf } from '../combat/combat-fixtures.test-helpers.js';
import type { Fighter } from '../combat/combatant.js';
import { defaultCommands } from '../commands/execute.js';
import { npcEntityId } from '../npc/npc-state.js';
import { DEFAULT_RULES } from '../rules/rules.js';
import { step } from '../simulation/step.js';
import { tradeCommands } from '../trade/trade-commands.js';
import type { Effect } from '../world/effects.js';
import { emptyWorld, type Entity, type Input, type Outgoing, type World } from '../world/types.js';
import { testZone } from '../world/fixtures.test-helpers.js';
import { QuestCatalog } from './quest-catalog.js';
import { questCommands } from './quest-commands.js';
import { QuestSystem } from './quest-system.js';

/** Vendors and quests played through the tick: commands, combat's kills and the quest system together. */

function npc(id: string, x: number, y: number): Entity {
  const definition = SEED_NPCS.find((record) => record.id === id)!;
  return {
    id: npcEntityId(id),
    kind: 'npc',
    name: definition.name,
    x,
    y,
    z: 0,
    heading: 0,
    maxSpeed: 0,
    intent: { kind: 'idle' },
    npc: { definition, nearby: new Set(), greeted: new Map(), talking: new Map() },
  };
}

function boar(x: number, y: number): Fighter {
  const body = wolf(x, y, { hp: 1, xpValue: 0 });
  return {
    ...body,
    id: 'w:boar.0.1',
    name: 'Wild boar',
    wildlife: { ruleId: 'boars', speciesId: 'boar', slot: 0, level: 1, spawnLevel: 1, bornAt: 0, mode: { kind: 'rest', until: 1e9 } },
  };
}

const ANN = 'c:Ann';
const context = {
  rules: DEFAULT_RULES,
  commands: defaultCommands(combatCommands(), tradeCommands(), questCommands()),
  systems: [new CombatManager(), new QuestSystem(new QuestCatalog(), { bagSlots: 20 })],
  random: () => 0.5,
  now: () => 0,
};

class Play {
  outgoing: Outgoing[] = [];
  effects: Effect[] = [];
  constructor(public world: World) {}

  tick(inputs: Input[] = [], ticks = 1): this {
    for (let i = 0; i < ticks; i++) {
      const result = step(this.world, i === 0 ? inputs : [], DT, context);
      this.world = result.world;
      this.outgoing.push(...result.outgoing);
      this.effects.push(...result.effects);
    }
    return this;
  }

  command(text: string): this {
    return this.tick([{ kind: 'command', entityId: ANN, text }]);
  }

  take(): { lines: string[]; effects: Effect[]; quests: StateUpdate['quests'][] } {
    const lines = texts(this.outgoing, ANN);
    const quests = this.outgoing.flatMap((o) => (o.to === ANN && o.event === 'state_update' && o.data.quests ? [o.data.quests] : []));
    const effects = this.effects;
    this.outgoing = [];
    this.effects = [];
    return { lines, effects, quests };
  }

  get ann(): Fighter {
    return this.world.entities.get(ANN) as Fighter;
  }
}

function playAt(x: number, y: number, ...others: Entity[]): Play {
  const ann = fighter('Ann', x, y);
  const entities = [{ ...ann, combat: { ...ann.combat, coins: 30 } }, ...others];
  return new Play({ ...emptyWorld(testZone), entities: new Map(entities.map((entity) => [entity.id, entity])) });
}

describe('vendors', () => {
  it('lists wares, sells and buys, changing bags and coins together', () => {
    const play = playAt(50, 50, npc('city-merchant', 52, 50));
    play.command('/wares');
    expect(play.take().lines[0]).toMatch(/^Merchant Sela sells: You have 30 coins\.\n {2}Healing Draught — 8 coins · Consumable/);

    play.command('/buy healing 2');
    let taken = play.take();
    expect(taken.lines).toEqual(['You buy 2 × Healing Draught from Merchant Sela for 16 coins. You have 14 coins.']);
    expect(taken.effects).toEqual([
      { kind: 'inventory', characterId: 'Ann', slot: 1, itemId: 'healing-draught', quantity: 2 },
      { kind: 'coins', characterId: 'Ann', coins: 14 },
    ]);
    expect(play.ann.combat.inventory).toMatchObject([{ slot: 1, itemId: 'healing-draught', quantity: 2 }]);

    play.command('/sell "healing draught"');
    taken = play.take();
    expect(taken.lines).toEqual(['You sell 1 × Healing Draught to Merchant Sela for 4 coins. You have 18 coins.']);
    expect(taken.effects).toEqual([
      { kind: 'inventory', characterId: 'Ann', slot: 1, itemId: 'healing-draught', quantity: 1 },
      { kind: 'coins', characterId: 'Ann', coins: 18 },
    ]);

    play.command('/buy iron sword');
    expect(play.take().lines).toEqual(['error: 1 × Iron Sword costs 45 coins; you have 18 coins.']);
    play.command('/buy dragon');
    expect(play.take().lines[0]).toMatch(/^error: There is no "dragon" on Merchant Sela's list\./);
    play.command('/buy rope 100');
    expect(play.take().lines[0]).toMatch(/At most 99 at a time/);
  });

  it('refuses to trade out of reach', () => {
    const play = playAt(50, 50, npc('city-merchant', 60, 50));
    play.command('/buy rope');
    expect(play.take().lines).toEqual(['error: Merchant Sela is 10 m away; stand within 6 m of a vendor to trade.']);
  });
});

describe('quests', () => {
  it('offers near the giver, is accepted, advanced by a kill, turned in for the reward, and written through', () => {
    const play = playAt(100, 100, npc('crossroads-hermit', 105, 100), boar(101, 100));
    play.tick([], 5);
    let taken = play.take();
    expect(taken.quests.at(-1)).toEqual([
      expect.objectContaining({ id: 'boar-bounty', status: 'offered', giver: 'Old Tobin', reward: '10 coins, 25 xp and Tusker Boots' }),
    ]);

    play.command('/turnin boar bounty');
    expect(play.take().lines).toEqual(['error: You are on no quest. /quests shows what is offered near you.']);

    play.command('/accept boar');
    taken = play.take();
    expect(taken.lines).toEqual(['Quest accepted: Boar Bounty. Kill 1 Wild boar, then return to Old Tobin.']);
    expect(taken.effects).toEqual([{ kind: 'quest', characterId: 'Ann', questId: 'boar-bounty', status: 'active', progress: 0 }]);
    expect(taken.quests).toEqual([[expect.objectContaining({ id: 'boar-bounty', status: 'active', progress: 0, goal: 1 })]]);

    play.command('/accept boar bounty');
    expect(play.take().lines).toEqual(['error: You are already on Boar Bounty. /quests shows how far you are.']);

    play.command('/turnin boar');
    expect(play.take().lines[0]).toMatch(/^error: Not yet: Boar Bounty: 0\/1 Wild boar/);

    play.command('/attack wild boar').tick([], 60);
    taken = play.take();
    expect(taken.lines).toContain('Boar Bounty: 1/1 Wild boar. Return to Old Tobin to turn it in.');
    expect(taken.effects).toContainEqual({ kind: 'quest', characterId: 'Ann', questId: 'boar-bounty', status: 'active', progress: 1 });
    expect(taken.quests.at(-1)).toEqual([expect.objectContaining({ id: 'boar-bounty', status: 'ready', progress: 1 })]);

    play.command('/quests');
    expect(play.take().lines[0]).toBe('Your quests:\n  Boar Bounty: 1/1 Wild boar: ready: turn it in to Old Tobin. Reward: 10 coins, 25 xp and Tusker Boots.');

    play.command('/turnin Boar Bounty');
    taken = play.take();
    expect(taken.lines).toEqual(['Quest complete! You receive 10 coins, 25 xp and Tusker Boots.', 'You gain 25 experience for Boar Bounty.']);
    expect(taken.effects).toEqual([
      { kind: 'inventory', characterId: 'Ann', slot: 1, itemId: 'tusker-boots', quantity: 1 },
      { kind: 'coins', characterId: 'Ann', coins: 40 },
      { kind: 'quest', characterId: 'Ann', questId: 'boar-bounty', status: 'done', progress: 1 },
      expect.objectContaining({ kind: 'progress', characterId: 'Ann', xp: 25 }),
    ]);
    expect(taken.quests).toEqual([[expect.objectContaining({ id: 'boar-bounty', status: 'done' })]]);
    expect(play.ann.combat).toMatchObject({ coins: 40, xp: 25 });

    play.command('/accept boar bounty');
    expect(play.take().lines).toEqual(['error: You have already done Boar Bounty.']);
  });

  it('counts a kill for party members near the creature, not for others', () => {
    const onQuest = (name: string, x: number, partyId?: string): Entity => {
      const base = fighter(name, x, 100);
      const quests = { entries: [{ questId: 'boar-bounty', status: 'active' as const, progress: 0 }] };
      return { ...base, player: { ...base.player!, quests, ...(partyId ? { partyId } : {}) } };
    };
    const play = playAt(100, 100, boar(101, 100), onQuest('Bob', 120, 'p1'), onQuest('Cy', 190, 'p1'), onQuest('Di', 102));
    play.world = {
      ...play.world,
      entities: new Map([...play.world.entities].map(([id, e]) => [id, id === ANN ? onQuest('Ann', 100, 'p1') : e])),
    };
    play.command('/attack wild boar').tick([], 60);
    const progress = (id: string) => play.world.entities.get(id)?.player?.quests?.entries[0]?.progress;
    expect([progress(ANN), progress('c:Bob'), progress('c:Cy'), progress('c:Di')]).toEqual([1, 1, 0, 0]);
  });

  it('a collect quest counts the item in the bags as it comes, and takes it at turn-in', () => {
    const play = playAt(300, 110, npc('city-guard', 300, 112));
    const bags = (quantity: number) => {
      const ann = play.ann;
      const inventory = quantity > 0 ? [{ slot: 2, itemId: 'wolf-pelt', name: 'Wolf Pelt', quantity }] : [];
      play.world = { ...play.world, entities: new Map([...play.world.entities, [ANN, { ...ann, combat: { ...ann.combat, inventory } }]]) };
    };
    bags(1);
    play.command('/accept wolf pelt').take();
    bags(2);
    play.tick([], 5);
    expect(play.take().lines).toEqual(['Wolf Pelt Bounty: 2/3 Wolf Pelt.']);
    bags(3);
    play.tick([], 5);
    const taken = play.take();
    expect(taken.lines).toEqual(['Wolf Pelt Bounty: 3/3 Wolf Pelt. Return to Guard Aldric to turn it in.']);
    expect(taken.quests.at(-1)).toEqual([expect.objectContaining({ id: 'wolf-pelt-bounty', status: 'ready', progress: 3 })]);
    play.command('/turnin wolf pelt bounty');
    expect(play.take().effects.slice(0, 4)).toEqual([
      { kind: 'inventory', characterId: 'Ann', slot: 2, itemId: 'wolf-pelt', quantity: 0 },
      { kind: 'inventory', characterId: 'Ann', slot: 1, itemId: 'wolfhide-jerkin', quantity: 1 },
      { kind: 'coins', characterId: 'Ann', coins: 60 },
      { kind: 'quest', characterId: 'Ann', questId: 'wolf-pelt-bounty', status: 'done', progress: 3 },
    ]);
  });

  it('is refused away from the giver, and can be abandoned', () => {
    const play = playAt(100, 100, npc('crossroads-hermit', 130, 100));
    play.command('/accept boar bounty');
    expect(play.take().lines).toEqual(['error: Old Tobin gives Boar Bounty: go to them (within 10 m).']);
    play.world = { ...play.world, entities: new Map([...play.world.entities].map(([id, e]) => [id, id === ANN ? { ...e, x: 125 } : e])) };
    play.command('/accept boar bounty');
    play.command('/abandon boar');
    const taken = play.take();
    expect(taken.lines).toEqual(['Quest accepted: Boar Bounty. Kill 1 Wild boar, then return to Old Tobin.', 'Quest abandoned: Boar Bounty.']);
    expect(taken.effects.at(-1)).toEqual({ kind: 'quest', characterId: 'Ann', questId: 'boar-bounty', status: 'abandoned', progress: 0 });
    expect(play.ann.player?.quests?.entries).toEqual([]);
  });
});
