// Our own fight under the status bars: the ATB gauge (animated between
// reports with atbRate), the cast bar, the swing timer, status effects,
// cooldowns and the respawn countdown. render() rebuilds on news; tick()
// moves the counters every frame.
import { el } from '../panels.js';
import { makeBar, seconds, setBar, since } from './gauges.js';

const EFFECT_LABELS = { haste: 'Hasted', slow: 'Slowed', stun: 'Stunned' };

export class CombatPanel {
  /** @param {HTMLElement} root an empty container */
  constructor(root) {
    this.root = root;
    this.header = el('div', 'combat-header');
    this.flag = el('span', 'combat-flag');
    this.header.append(this.flag);
    this.atb = makeBar('atb', 'ATB');
    this.cast = makeBar('cast', '');
    this.swing = makeBar('swing', 'Swing');
    this.dead = el('div', 'combat-dead');
    this.effects = el('ul', 'chips effects');
    this.cooldowns = el('ul', 'chips cooldowns');
    this.cooldowns.setAttribute('aria-label', 'Cooldowns');
    root.append(this.header, this.atb, this.cast, this.swing, this.dead, this.effects, this.cooldowns);
    /** Chips whose countdowns tick: {node, value, remaining, total}. */
    this.counters = [];
    this.world = null;
    this.swingTotal = 0;
  }

  swingLeft() {
    const combat = this.world?.combat;
    return combat ? Math.max(0, combat.autoAttack.remaining - since(this.world.combatAt)) : 0;
  }

  render(world) {
    // The swing's length is not told; a countdown that jumped up is a new swing, and its start is the length.
    const swingLeft = this.swingLeft();
    this.world = world;
    const combat = world.combat;
    if (combat && combat.autoAttack.remaining > swingLeft + 0.1) this.swingTotal = combat.autoAttack.remaining;
    this.root.hidden = !combat;
    if (!combat) return;
    this.flag.textContent = combat.inCombat ? 'In combat' : 'At rest';
    this.root.classList.toggle('in-combat', combat.inCombat);
    this.cast.hidden = !combat.casting;
    if (combat.casting) this.cast.querySelector('.label').textContent = combat.casting.ability;
    this.swing.hidden = !combat.autoAttack.active;
    this.counters = [];
    this.effects.replaceChildren(
      ...combat.effects.map((effect) =>
        this.chip(`effect effect-${effect.kind}`, EFFECT_LABELS[effect.kind] ?? effect.kind, effect.remaining, effect.remaining),
      ),
    );
    const cooldowns = combat.cooldowns ?? [];
    this.cooldowns.replaceChildren(...cooldowns.map((cooldown) => this.chip('cooldown', cooldown.name, cooldown.remaining, cooldown.total, cooldown.id)));
    this.tick();
  }

  chip(className, label, remaining, total, id) {
    const node = el('li', `chip ${className}`);
    if (id) node.dataset.cooldownId = id;
    const fill = el('span', 'chip-fill');
    const value = el('span', 'chip-value');
    node.append(fill, el('span', 'chip-label', label), value);
    this.counters.push({ node, fill, value, remaining, total });
    return node;
  }

  /** Moves the gauges and countdowns on to now. */
  tick() {
    const combat = this.world?.combat;
    if (!combat) return;
    const elapsed = since(this.world.combatAt);
    // The server reports the gauge at each multiple of 10; in between it fills at atbRate (0 while stunned or dead).
    const atb = combat.dead ? 0 : Math.min(100, combat.atb + combat.atbRate * elapsed);
    setBar(this.atb, atb / 100, String(Math.floor(atb)));
    this.atb.classList.toggle('full', atb >= 100);
    if (combat.casting) {
      const { remaining, total } = combat.casting;
      const left = Math.max(0, remaining - elapsed);
      setBar(this.cast, total > 0 ? 1 - left / total : 1, seconds(left));
    }
    if (combat.autoAttack.active) {
      const left = this.swingLeft();
      setBar(this.swing, this.swingTotal > 0 ? 1 - left / this.swingTotal : 1, left > 0 ? seconds(left) : 'ready');
    }
    this.dead.hidden = !combat.dead;
    if (combat.dead) this.dead.textContent = `You are dead. Back to life in ${seconds(combat.dead.respawnIn - elapsed)}.`;
    for (const counter of this.counters) {
      const left = Math.max(0, counter.remaining - elapsed);
      counter.node.hidden = left <= 0;
      counter.value.textContent = seconds(left);
      counter.fill.style.width = `${counter.total > 0 ? ((100 * left) / counter.total).toFixed(1) : 0}%`;
    }
  }
}
