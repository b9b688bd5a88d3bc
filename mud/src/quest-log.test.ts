import type { QuestEntry } from '@aether/shared/protocol';
import { formatQuestLog } from './quest-log.js';

const quest = (overrides: Partial<QuestEntry>): QuestEntry => ({
  id: 'boar-bounty',
  name: 'Boar Bounty',
  giver: 'Old Tobin',
  description: 'A boar has been at my garden again.',
  status: 'active',
  objective: 'Kill Wild boar',
  progress: 0,
  goal: 1,
  reward: '10 coins, 25 xp, Tusker Boots',
  ...overrides,
});

test('/quests: what to turn in first, then what is under way, then offers, with hints for what can be done', () => {
  expect(
    formatQuestLog([
      quest({
        id: 'a',
        name: 'Wolf Pelts',
        giver: 'Guard Aldric',
        status: 'offered',
        objective: 'Bring Wolf Pelt',
        goal: 3,
        reward: '30 coins, 60 xp, Wolfhide Jerkin',
      }),
      quest({ id: 'b', status: 'active' }),
      quest({ id: 'c', name: 'Old Debt', status: 'ready', progress: 1 }),
    ]),
  ).toEqual([
    'Quests:',
    '  Quest        Status   Objective        Progress  Giver         Reward',
    '  -----------  -------  ---------------  --------  ------------  --------------------------------',
    '  Old Debt     turn in  Kill Wild boar        1/1  Old Tobin     10 coins, 25 xp, Tusker Boots',
    '  Boar Bounty  active   Kill Wild boar        0/1  Old Tobin     10 coins, 25 xp, Tusker Boots',
    '  Wolf Pelts   offered  Bring Wolf Pelt       0/3  Guard Aldric  30 coins, 60 xp, Wolfhide Jerkin',
    '/accept <quest> takes an offered quest.',
    '/turnin <quest> near its giver collects the reward.',
  ]);
});

test('an empty log says so', () => {
  expect(formatQuestLog([])).toEqual(['No quests: your log is empty and nobody near you offers one.']);
});
