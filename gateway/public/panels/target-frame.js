// The target frame over the map: who we fight, their health, and buttons for the usual commands.
import { el } from '../panels.js';
import { makeBar, setBar } from './gauges.js';

export class TargetFrame {
  /**
   * @param {HTMLElement} root an empty container (hidden while there is no target)
   * @param {(text: string) => void} sendCommand
   */
  constructor(root, sendCommand) {
    this.root = root;
    this.name = el('div', 'target-name');
    this.health = makeBar('hp target-health', 'Health');
    this.state = el('div', 'target-state muted');
    const actions = el('div', 'target-actions');
    const button = (label, title, command) => {
      const node = el('button', '', label);
      node.type = 'button';
      node.title = title;
      node.addEventListener('click', () => sendCommand(command));
      return node;
    };
    actions.append(
      button('Attack', 'Auto-attack the target (/attack)', '/attack'),
      button('Stop', 'Stop auto-attacking (/disengage)', '/disengage'),
      button('✕', 'Clear the target (/target)', '/target'),
    );
    root.append(this.name, this.health, this.state, actions);
    root.hidden = true;
  }

  render(world) {
    const combat = world.combat;
    const target = combat?.target;
    this.root.hidden = !target;
    if (!target) return;
    const isSelf = target.id === world.self?.entityId;
    this.root.dataset.targetId = target.id;
    this.name.textContent = isSelf ? `${target.name} (you)` : target.name;
    setBar(this.health, target.health / 100, `${Math.round(target.health)}%`);
    this.root.classList.toggle('dead', target.health <= 0);
    const parts = [];
    if (combat.inCombat) parts.push('in combat');
    if (combat.autoAttack.active) parts.push('auto-attacking');
    if (target.health <= 0) parts.push('dead');
    this.state.textContent = parts.length > 0 ? parts.join(' · ') : 'not in combat';
    this.root.classList.toggle('in-combat', combat.inCombat);
  }
}
