// The party frame: each other member with their gauges, the leader marked,
// offline members greyed, and the zone of those playing elsewhere.
import { el } from '../panels.js';
import { makeBar, setBar } from './gauges.js';

/** "zone-city" → "city": zone ids are all the client knows of other zones. */
function zoneLabel(zoneId) {
  return zoneId.replace(/^zone-/, '');
}

function gauge(className, label, value, max, text = `${Math.round(value)}/${Math.round(max)}`) {
  const bar = makeBar(`mini ${className}`, label);
  if (value === undefined || max === undefined) setBar(bar, 0, '');
  else setBar(bar, max > 0 ? value / max : 0, text);
  return bar;
}

export class PartyPanel {
  /**
   * @param {HTMLElement} root the panel (hidden while in no party)
   * @param {HTMLElement} list where the members go
   */
  constructor(root, list) {
    this.root = root;
    this.list = list;
  }

  render(world) {
    const allies = world.allies;
    this.root.hidden = allies.length === 0;
    this.list.replaceChildren(
      ...allies.map((ally) => {
        const item = el('li', `ally${ally.online ? '' : ' offline'}${ally.leader ? ' leader' : ''}`);
        item.dataset.characterId = ally.characterId;
        const head = el('div', 'ally-head');
        head.append(el('span', 'ally-name', ally.name));
        if (ally.leader) head.append(el('span', 'ally-leader', '★ leader'));
        const where = !ally.online ? 'offline' : ally.zoneId && ally.zoneId !== world.zone?.id ? `in ${zoneLabel(ally.zoneId)}` : '';
        if (where) head.append(el('span', 'ally-where', where));
        item.append(head);
        if (ally.online) {
          const bars = el('div', 'ally-bars');
          bars.append(
            gauge('hp', 'HP', ally.hp, ally.maxHp),
            gauge('stamina', 'ST', ally.stamina, ally.maxStamina),
            gauge('mana', 'MP', ally.mana, ally.maxMana),
            gauge('atb', 'ATB', ally.atb, 100, String(Math.round(ally.atb ?? 0))),
          );
          item.append(bars);
        }
        return item;
      }),
    );
  }
}
