// The quest log: active and ready quests with their progress, what NPCs
// nearby offer (Accept), and what is done. Buttons send /accept and /turnin.
import { el } from '../panels.js';
import { makeBar, quoted, setBar } from './gauges.js';

const SECTIONS = [
  { status: 'ready', title: 'Ready to turn in' },
  { status: 'active', title: 'Active' },
  { status: 'offered', title: 'Offered nearby' },
  { status: 'done', title: 'Done' },
];

export class QuestLog {
  /**
   * @param {HTMLElement} root the window (toggled by the player)
   * @param {HTMLElement} body where the sections go
   * @param {(text: string) => void} sendCommand
   */
  constructor(root, body, sendCommand) {
    this.root = root;
    this.body = body;
    this.sendCommand = sendCommand;
  }

  render(world) {
    const quests = world.quests;
    const sections = SECTIONS.map(({ status, title }) => {
      const entries = quests.filter((quest) => quest.status === status);
      if (entries.length === 0) return null;
      const section = el('section', `quest-section quests-${status}`);
      const list = el('ul', 'quest-list');
      list.append(...entries.map((quest) => this.entry(quest)));
      section.append(el('h4', '', title), list);
      return section;
    }).filter((section) => section !== null);
    if (sections.length === 0) sections.push(el('p', 'muted', 'No quests yet. NPCs with work for you offer it when you are near them.'));
    this.body.replaceChildren(...sections);
  }

  entry(quest) {
    const item = el('li', `quest quest-${quest.status}`);
    item.dataset.questId = quest.id;
    item.title = quest.description;
    const head = el('div', 'quest-head');
    head.append(el('span', 'quest-name', quest.name), el('span', 'quest-giver muted', quest.giver));
    item.append(head, el('div', 'quest-objective', quest.objective));
    if (quest.status === 'active' || quest.status === 'ready') {
      const bar = makeBar('progress', '');
      setBar(bar, quest.progress / quest.goal, `${Math.min(quest.progress, quest.goal)}/${quest.goal}`);
      item.append(bar);
    }
    item.append(el('div', 'quest-reward muted', `Reward: ${quest.reward}`));
    const button = (label, command, className = '') => {
      const node = el('button', className, label);
      node.type = 'button';
      node.addEventListener('click', () => this.sendCommand(command));
      return node;
    };
    const actions = el('div', 'quest-actions');
    if (quest.status === 'offered') actions.append(button('Accept', `/accept ${quoted(quest.name)}`, 'primary'));
    if (quest.status === 'ready') actions.append(button('Turn in', `/turnin ${quoted(quest.name)}`, 'primary'));
    if (quest.status === 'active' || quest.status === 'ready') actions.append(button('Abandon', `/abandon ${quoted(quest.name)}`));
    if (actions.childElementCount > 0) item.append(actions);
    return item;
  }
}
