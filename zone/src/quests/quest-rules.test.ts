import { ItemCatalog } from '../combat/items/item-catalog.js';
import type { InventoryEntry } from '../combat/items/item.js';
import { QuestCatalog } from './quest-catalog.js';
import type { QuestLog } from './quest-log.js';
import { acceptRefusal, countKill, rewardText, turnIn } from './quest-rules.js';

const catalog = new QuestCatalog();
const boar = catalog.get('boar-bounty')!;
const pelts = catalog.get('wolf-pelt-bounty')!;
const items = new ItemCatalog();
const stack = (slot: number, itemId: string, quantity: number): InventoryEntry => ({ slot, itemId, name: items.get(itemId)!.name, quantity });
const log = (...entries: QuestLog['entries']): QuestLog => ({ entries });
const BAGS = 4;

describe('the seed quests in memory', () => {
  it('are named from the seed NPCs, species and items', () => {
    expect(boar).toMatchObject({ giverName: 'Old Tobin', targetName: 'Wild boar', rewardItemName: 'Tusker Boots' });
    expect(pelts).toMatchObject({ giverName: 'Guard Aldric', targetName: 'Wolf Pelt', rewardItemName: 'Wolfhide Jerkin' });
    expect(rewardText(boar)).toBe('10 coins, 25 xp and Tusker Boots');
    expect(catalog.offeredBy('crossroads-hermit')).toEqual([boar]);
  });

  it('skips rows naming what does not exist', () => {
    const problems: string[] = [];
    const names = { npcs: new Map([['crossroads-hermit', 'Old Tobin']]), species: new Map([['boar', 'Wild boar']]), items };
    const loaded = QuestCatalog.fromRecords(
      [boar, { ...boar, id: 'x', targetId: 'dragon' }, { ...boar, id: 'y', giverId: 'nobody' }, { ...boar, id: 'z', goal: 0 }],
      names,
      (id, problem) => problems.push(`${id}: ${problem}`),
    );
    expect(loaded.all().map((quest) => quest.id)).toEqual(['boar-bounty']);
    expect(problems).toHaveLength(3);
  });
});

describe('accepting', () => {
  it.each([
    { case: 'a new quest', entries: [], level: 1, repeatable: false, refused: undefined },
    { case: 'an active one', entries: [{ questId: 'boar-bounty', status: 'active', progress: 0 }], level: 1, repeatable: false, refused: /already on/ },
    { case: 'a done one', entries: [{ questId: 'boar-bounty', status: 'done', progress: 1 }], level: 1, repeatable: false, refused: /already done/ },
    { case: 'a done repeatable one', entries: [{ questId: 'boar-bounty', status: 'done', progress: 1 }], level: 1, repeatable: true, refused: undefined },
    { case: 'below its level', entries: [], level: 0, repeatable: false, refused: /needs level 1/ },
  ] as const)('$case', ({ entries, level, repeatable, refused }) => {
    const refusal = acceptRefusal({ ...boar, repeatable }, log(...entries), level);
    if (refused) expect(refusal?.message).toMatch(refused);
    else expect(refusal).toBeUndefined();
  });
});

describe('progress by kills', () => {
  it('counts a kill of the quest’s species, up to the goal, for active quests only', () => {
    const get = (id: string) => catalog.get(id);
    expect(countKill(log({ questId: 'boar-bounty', status: 'active', progress: 0 }), get, 'boar')).toEqual([
      { questId: 'boar-bounty', status: 'active', progress: 1 },
    ]);
    expect(countKill(log({ questId: 'boar-bounty', status: 'active', progress: 1 }), get, 'boar')).toEqual([]);
    expect(countKill(log({ questId: 'boar-bounty', status: 'active', progress: 0 }), get, 'wolf')).toEqual([]);
    expect(countKill(log({ questId: 'boar-bounty', status: 'done', progress: 1 }), get, 'boar')).toEqual([]);
    expect(countKill(log({ questId: 'wolf-pelt-bounty', status: 'active', progress: 0 }), get, 'wolf')).toEqual([]);
  });
});

describe('turning in', () => {
  const boots = items.get('tusker-boots');
  const jerkin = items.get('wolfhide-jerkin');

  it('a kill quest whose kills are counted: coins and the reward item', () => {
    const outcome = turnIn(boar, { questId: boar.id, status: 'active', progress: 1 }, { coins: 5, inventory: [] }, boots, BAGS);
    expect(outcome).toMatchObject({ ok: true, coins: 15 });
    if (outcome.ok) expect(outcome.changed.map((s) => [s.slot, s.itemId, s.quantity])).toEqual([[1, 'tusker-boots', 1]]);
  });

  it('a collect quest takes the goal of the item from the bags and the reward can use the freed slot', () => {
    const inventory = [stack(1, 'wolf-pelt', 3), stack(2, 'rope', 1), stack(3, 'rope', 1), stack(4, 'rope', 1)];
    const outcome = turnIn(pelts, { questId: pelts.id, status: 'active', progress: 0 }, { coins: 0, inventory }, jerkin, BAGS);
    expect(outcome).toMatchObject({ ok: true, coins: 30 });
    if (outcome.ok) expect(outcome.changed.map((s) => [s.slot, s.itemId, s.quantity])).toEqual([[1, 'wolfhide-jerkin', 1]]);
  });

  it.each([
    { case: 'kills short of the goal', quest: boar, progress: 0, inventory: [], code: 'not_allowed' },
    { case: 'too few of the item', quest: pelts, progress: 0, inventory: [stack(1, 'wolf-pelt', 2)], code: 'not_allowed' },
    {
      case: 'no room for the reward',
      quest: boar,
      progress: 1,
      inventory: [stack(1, 'rope', 1), stack(2, 'rope', 1), stack(3, 'rope', 1), stack(4, 'rope', 1)],
      code: 'bags_full',
    },
  ])('refuses $case', ({ quest, progress, inventory, code }) => {
    const reward = quest === boar ? boots : jerkin;
    expect(turnIn(quest, { questId: quest.id, status: 'active', progress }, { coins: 0, inventory }, reward, BAGS)).toMatchObject({ ok: false, code });
  });
});
