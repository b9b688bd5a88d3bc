// The loot window: what a kill left for us, until we take it or it expires.
import { el } from '../panels.js';
import { quoted, seconds, since } from './gauges.js';

export class LootWindow {
  /**
   * @param {HTMLElement} root the window (shown while there is loot)
   * @param {(text: string) => void} sendCommand
   */
  constructor(root, sendCommand) {
    this.root = root;
    this.from = root.querySelector('[data-loot="from"]');
    this.list = root.querySelector('[data-loot="items"]');
    this.expires = root.querySelector('[data-loot="expires"]');
    this.sendCommand = sendCommand;
    root.querySelector('[data-loot="all"]').addEventListener('click', () => sendCommand('/loot'));
    this.world = null;
  }

  render(world) {
    this.world = world;
    const loot = world.loot;
    this.root.hidden = !loot;
    if (!loot) return;
    this.from.textContent = loot.from;
    this.list.replaceChildren(
      ...loot.items.map((stack) => {
        const item = el('li', `loot-item kind-${stack.kind}`);
        item.title = stack.detail;
        item.append(el('span', 'item-name', stack.name), el('span', 'item-qty', stack.quantity > 1 ? `×${stack.quantity}` : ''));
        const take = el('button', 'loot-take', 'Take');
        take.type = 'button';
        take.addEventListener('click', () => this.sendCommand(`/loot ${quoted(stack.name)}`));
        item.append(take);
        return item;
      }),
    );
    this.tick();
  }

  tick() {
    const loot = this.world?.loot;
    if (!loot) return;
    this.expires.textContent = `Gone in ${seconds(loot.expiresIn - since(this.world.lootAt))}`;
  }
}
