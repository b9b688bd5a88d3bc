// The DOM around the map: connection badge, status, roster list and event log
// (the game panels are in panels/).

const CONNECTION_LABELS = {
  idle: 'offline',
  connecting: 'connecting…',
  connected: 'connected',
  reconnecting: 'reconnecting…',
  disconnected: 'disconnected',
};

const COMPASS = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'];

const PVP_LABELS = { safe: 'Safe', duel: 'Duels', open: 'Open PvP' };
const PVP_HINTS = {
  safe: 'No player may attack another here.',
  duel: 'Players fight only in a duel both agreed to (/duel).',
  open: 'Any player may attack you here (not your party).',
};

function compass(bearing) {
  return COMPASS[Math.round((((bearing % 360) + 360) % 360) / 45) % 8];
}

/** Creates an element with text content; never innerHTML, since names and chat come from other players. */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export class ConnectionBadge {
  constructor(node, reconnectButton) {
    this.node = node;
    this.reconnectButton = reconnectButton;
  }

  render(state) {
    this.node.textContent = CONNECTION_LABELS[state] ?? state;
    this.node.dataset.state = state;
    this.reconnectButton.hidden = state !== 'disconnected';
  }
}

export class StatusPanel {
  constructor(root) {
    this.name = root.querySelector('[data-status="name"]');
    this.zone = root.querySelector('[data-status="zone"]');
    this.position = root.querySelector('[data-status="position"]');
    this.bars = {
      hp: root.querySelector('[data-bar="hp"]'),
      stamina: root.querySelector('[data-bar="stamina"]'),
      mana: root.querySelector('[data-bar="mana"]'),
    };
  }

  render(world) {
    const me = world.self;
    if (!me) return;
    this.name.textContent = `${me.name} · level ${me.level} ${me.archetype}`;
    const zone = [el('span', 'zone-name', world.zone ? world.zone.name : '')];
    const pvp = world.pvp;
    if (pvp) {
      const badge = el('span', `pvp pvp-${pvp.policy}`, PVP_LABELS[pvp.policy] ?? pvp.policy);
      badge.title = PVP_HINTS[pvp.policy] ?? '';
      zone.push(badge);
      if (pvp.duelWith) zone.push(el('span', 'pvp duel', `Duel: ${pvp.duelWith}`));
    }
    this.zone.replaceChildren(...zone);
    this.position.textContent = `(${me.x.toFixed(1)}, ${me.y.toFixed(1)}) facing ${compass(me.heading)}${me.moving ? ', walking' : ''}`;
    const r = me.resources;
    this.bar('hp', r.hp, r.maxHp);
    this.bar('stamina', r.stamina, r.maxStamina);
    this.bar('mana', r.mana, r.maxMana);
  }

  bar(key, value, max) {
    const node = this.bars[key];
    const fraction = max > 0 ? Math.max(0, Math.min(1, value / max)) : 0;
    node.querySelector('.fill').style.width = `${(fraction * 100).toFixed(1)}%`;
    node.querySelector('.value').textContent = `${Math.round(value)}/${Math.round(max)}`;
  }
}

export class RosterPanel {
  /**
   * @param {(entityId: string, attack: boolean) => void} [onPick] a row was clicked (target it) or double-clicked (attack it)
   */
  constructor(list, count, onPick) {
    this.list = list;
    this.count = count;
    if (onPick) {
      const pick = (event, attack) => {
        const row = event.target instanceof Element ? event.target.closest('.roster-row') : null;
        if (row?.dataset.entityId) onPick(row.dataset.entityId, attack);
      };
      list.addEventListener('click', (event) => pick(event, false));
      list.addEventListener('dblclick', (event) => pick(event, true));
    }
  }

  render(world) {
    const rows = [...world.roster.values()].map((entry) => ({ entry, range: world.rangeTo(entry) })).sort((a, b) => a.range - b.range);
    const targetId = world.combat?.target?.id;
    this.count.textContent = String(rows.length);
    this.list.replaceChildren(
      ...rows.map(({ entry, range }) => {
        const item = el('li', `roster-row kind-${entry.kind}${entry.id === targetId ? ' targeted' : ''}`);
        item.dataset.entityId = entry.id;
        item.title = `Click to target ${entry.name}, double-click to attack.`;
        item.append(el('span', 'roster-name', entry.name), el('span', 'roster-kind', entry.kind), el('span', 'roster-range', `${Math.round(range)} m`));
        return item;
      }),
    );
    if (rows.length === 0) this.list.append(el('li', 'roster-empty', 'Nobody in sight.'));
  }
}

export class LogPanel {
  constructor(list) {
    this.list = list;
    this.rendered = 0;
    this.lastSeen = null;
  }

  /** Appends only the new entries, so scrolling back through history is not disturbed by redraws. */
  render(world) {
    const log = world.log;
    // The store trims old entries; find where we left off by identity rather than by index.
    const start = this.lastSeen ? log.indexOf(this.lastSeen) + 1 : 0;
    const fresh = log.slice(start);
    if (fresh.length === 0) return;
    const stick = this.list.scrollTop + this.list.clientHeight >= this.list.scrollHeight - 8;
    for (const entry of fresh) {
      const item = el('li', `log-${entry.kind}${entry.type ? ` type-${entry.type}` : ''}${entry.tone ? ` tone-${entry.tone}` : ''}`);
      item.append(el('time', 'log-time', new Date(entry.ts).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })));
      item.append(el('span', 'log-text', entry.kind === 'error' ? `⚠ ${entry.text}` : entry.text));
      this.list.append(item);
    }
    while (this.list.childElementCount > 300) this.list.firstElementChild.remove();
    this.lastSeen = log[log.length - 1];
    if (stick) this.list.scrollTop = this.list.scrollHeight;
  }
}
