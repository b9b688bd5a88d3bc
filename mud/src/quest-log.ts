import type { QuestEntry } from '@aether/shared/protocol';
import { formatTable } from './table.js';

/** What needs doing first: quests to turn in, then those under way, then offers, then the finished. */
const STATUS_ORDER: readonly QuestEntry['status'][] = ['ready', 'active', 'offered', 'done'];

const STATUS_TEXT: Record<QuestEntry['status'], string> = {
  ready: 'turn in',
  active: 'active',
  offered: 'offered',
  done: 'done',
};

/**
 * `/quests` as a table, from the quest log in the last state_update: your
 * quests and the ones NPCs near you offer (the server resends the log on
 * every change and as you walk among givers).
 */
export function formatQuestLog(quests: readonly QuestEntry[]): string[] {
  if (quests.length === 0) return ['No quests: your log is empty and nobody near you offers one.'];
  const sorted = [...quests].sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status));
  const lines = [
    'Quests:',
    ...formatTable(
      [
        { header: 'Quest' },
        { header: 'Status' },
        { header: 'Objective' },
        { header: 'Progress', align: 'right' },
        { header: 'Giver' },
        { header: 'Reward', max: 50 },
      ],
      sorted.map((quest) => [quest.name, STATUS_TEXT[quest.status], quest.objective, `${quest.progress}/${quest.goal}`, quest.giver, quest.reward]),
    ),
  ];
  if (quests.some((quest) => quest.status === 'offered')) lines.push('/accept <quest> takes an offered quest.');
  if (quests.some((quest) => quest.status === 'ready')) lines.push('/turnin <quest> near its giver collects the reward.');
  return lines;
}
