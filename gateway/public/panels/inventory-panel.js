// Coins, bags and equipment. Clicking an item sends the command a player
// would type: /equip for gear, /use for consumables, /unequip for worn slots.
import { el } from '../panels.js';
import { quoted } from './gauges.js';

const EQUIP_SLOTS = ['weapon', 'head', 'body', 'hands', 'feet'];
const SLOT_LABELS = { weapon: 'Weapon', head: 'Head', body: 'Body', hands: 'Hands', feet: 'Feet' };

/** What clicking a bag item does, by its kind; materials have no use here. */
function actionFor(stack) {
  if (stack.kind === 'weapon' || stack.kind === 'armor') return { verb: 'Equip', command: `/equip ${quoted(stack.name)}` };
  if (stack.kind === 'consumable') return { verb: 'Use', command: `/use ${quoted(stack.name)}` };
  return null;
}

export class InventoryPanel {
  /**
   * @param {HTMLElement} root the window (toggled by the player)
   * @param {(text: string) => void} sendCommand
   */
  constructor(root, sendCommand) {
    this.root = root;
    this.sendCommand = sendCommand;
    this.coins = root.querySelector('[data-inventory="coins"]');
    this.equipment = root.querySelector('[data-inventory="equipment"]');
    this.bags = root.querySelector('[data-inventory="bags"]');
  }

  render(world) {
    const belongings = world.belongings;
    if (!belongings) {
      this.coins.textContent = '';
      this.equipment.replaceChildren();
      this.bags.replaceChildren(el('li', 'muted', 'Waiting for the server…'));
      return;
    }
    this.coins.textContent = `${belongings.coins} ${belongings.coins === 1 ? 'coin' : 'coins'}`;
    const worn = new Map(belongings.equipment.map((stack) => [stack.slot, stack]));
    this.equipment.replaceChildren(
      ...EQUIP_SLOTS.map((slot) => {
        const stack = worn.get(slot);
        const item = el('li', `equip-slot${stack ? '' : ' empty'}`);
        item.dataset.slot = slot;
        item.append(el('span', 'equip-label', SLOT_LABELS[slot]));
        if (!stack) {
          item.append(el('span', 'equip-item muted', '—'));
          return item;
        }
        const button = el('button', 'equip-item item-button', stack.name);
        button.type = 'button';
        button.title = `${stack.name}\n${stack.detail}\nClick to take it off.`;
        button.addEventListener('click', () => this.sendCommand(`/unequip ${slot}`));
        item.append(button);
        return item;
      }),
    );
    const bySlot = new Map(belongings.bags.map((stack) => [stack.slot, stack]));
    const cells = [];
    for (let slot = 1; slot <= belongings.bagSlots; slot++) cells.push(this.bagCell(slot, bySlot.get(slot)));
    this.bags.replaceChildren(...cells);
  }

  bagCell(slot, stack) {
    const cell = el('li', `bag-slot${stack ? ` kind-${stack.kind}` : ' empty'}`);
    cell.dataset.slot = String(slot);
    if (!stack) return cell;
    const action = actionFor(stack);
    const button = el('button', 'item-button');
    button.type = 'button';
    button.dataset.itemId = stack.itemId;
    button.append(el('span', 'item-name', stack.name));
    if (stack.quantity > 1) button.append(el('span', 'item-qty', `×${stack.quantity}`));
    button.title = `${stack.name}${stack.quantity > 1 ? ` ×${stack.quantity}` : ''}\n${stack.detail}${action ? `\nClick to ${action.verb.toLowerCase()}.` : ''}`;
    if (action) button.addEventListener('click', () => this.sendCommand(action.command));
    else button.disabled = true;
    cell.append(button);
    return cell;
  }
}
