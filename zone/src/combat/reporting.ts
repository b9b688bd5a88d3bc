import type { CombatState as CombatView, StateUpdate } from '@aether/shared';
import { round } from '../movement/geometry.js';
import { atbRate } from './atb.js';
import type { CombatRules } from './combat-rules.js';
import { fightingStats, resourcesOf, withState, type Fighter } from './combatant.js';
import type { CombatTick } from './combat-tick.js';
import { belongingsView, lootView } from './items/belongings-view.js';
import { expireLoot } from './items/loot-window.js';
import { isDue } from './timing.js';

type CharacterUpdate = NonNullable<StateUpdate['character']>;

/** What the fighter's client shows: the combat view, with counters as of `now`. */
function combatView(tick: CombatTick, fighter: Fighter): CombatView {
  const { state, abilities } = fighter.combat;
  const { now } = tick;
  // A target across a border is a ghost, with the health its own zone last reported.
  const target = tick.get(state.targetId) ?? tick.ghost(state.targetId);
  const view: CombatView = {
    inCombat: state.inCombat,
    target: target ? { id: target.id, name: target.name, health: target.ghostOf !== undefined ? (target.ghostHealth ?? 100) : health(target) } : null,
    atb: Math.floor(state.atb),
    atbRate: round(atbRate(fightingStats(fighter.combat), state.effects, tick.rules)),
    autoAttack: { active: state.autoAttacking, ready: isDue(now, state.nextSwingAt), remaining: round(Math.max(0, state.nextSwingAt - now), 1) },
    effects: state.effects.map((effect) => ({ kind: effect.kind, remaining: round(Math.max(0, effect.expiresAt - now), 1) })),
  };
  if (state.casting) {
    const { casting } = state;
    const ability = abilities.find((a) => a.id === casting.abilityId);
    view.casting = {
      ability: ability?.name ?? casting.abilityId,
      remaining: round(Math.max(0, casting.completesAt - now), 1),
      total: round(casting.completesAt - casting.startedAt, 1),
    };
  }
  const cooldowns = cooldownsView(tick, fighter);
  if (cooldowns.length > 0) view.cooldowns = cooldowns;
  if (state.dead) view.dead = { respawnIn: round(Math.max(0, (state.diedAt ?? now) + tick.rules.respawnDelay - now), 1) };
  return view;
}

type CooldownView = NonNullable<CombatView['cooldowns']>[number];

/** Abilities and items still cooling down (`item:<id>` keys are consumables), with their time left as of now. */
function cooldownsView(tick: CombatTick, fighter: Fighter): CooldownView[] {
  const views: CooldownView[] = [];
  for (const id in fighter.combat.state.cooldowns) {
    const readyAt = fighter.combat.state.cooldowns[id]!;
    if (isDue(tick.now, readyAt)) continue;
    const item = id.startsWith('item:') ? tick.deps.items.get(id.slice(5)) : undefined;
    const ability = item ? undefined : fighter.combat.abilities.find((known) => known.id === id);
    const total = item?.useCooldown ?? ability?.cooldown ?? 0;
    views.push({ id, name: item?.name ?? ability?.name ?? id, remaining: round(readyAt - tick.now, 1), total: round(Math.max(total, readyAt - tick.now), 1) });
  }
  return views;
}

/** Changes in the view that are worth a message; the gauge counts only each `atbReportStep` points. */
function viewSignature(view: CombatView, fighter: Fighter, rules: Pick<CombatRules, 'atbReportStep'>): string {
  const { state } = fighter.combat;
  return JSON.stringify([
    view.inCombat,
    view.target,
    Math.floor(state.atb / rules.atbReportStep),
    view.atbRate,
    view.autoAttack.active,
    view.autoAttack.ready,
    state.nextSwingAt,
    state.casting?.abilityId,
    state.casting?.startedAt,
    state.effects.map((effect) => [effect.kind, effect.expiresAt]),
    // Which are cooling down: one starting or running out changes the view; the countdown does not.
    view.cooldowns?.map((cooldown) => cooldown.id),
    state.dead,
  ]);
}

function characterFields(fighter: Fighter): CharacterUpdate {
  const { hp, maxHp, stamina, maxStamina, mana, maxMana } = resourcesOf(fighter);
  const fields: CharacterUpdate = { hp, maxHp, stamina, maxStamina, mana, maxMana };
  if (fighter.player) Object.assign(fields, { level: fighter.player.level, xp: fighter.combat.xp });
  return fields;
}

/**
 * Tells each player what changed since it was last told: its pools, level
 * and xp in `state_update.character` (only the fields that changed), its
 * combat view in `state_update.combat`, its coins, bags and equipment in
 * `state_update.belongings` and its loot window in `state_update.loot` (null
 * once closed). Nothing goes out when nothing changed. A loot window that ran
 * out closes first.
 */
export function report(tick: CombatTick): void {
  const { atRest } = tick.deps;
  for (const found of tick.fighters()) {
    if (!found.player) continue;
    const fighter = found.combat.state.loot ? expireLoot(tick, found) : found;
    if (!fighter.player) continue;
    const rest = atRest.get(fighter.combat);
    if (rest && rest.resources === fighter.player.resources && rest.level === fighter.player.level) continue;
    const view = combatView(tick, fighter);
    const signature = viewSignature(view, fighter, tick.rules);
    const fields = characterFields(fighter);
    const previous = fighter.combat.state.reported;
    const last = previous?.character ?? {};
    const changed = Object.fromEntries(Object.entries(fields).filter(([key, value]) => last[key] !== value));
    const { inventory, coins } = fighter.combat;
    const loot = fighter.combat.state.loot ?? null;
    // Bags, purse and loot window change by copy: comparing them by identity costs nothing per tick.
    const belongingsChanged = previous?.inventory !== inventory || previous.coins !== coins;
    const lootChanged = previous ? previous.loot !== loot : loot !== null;
    if (Object.keys(changed).length === 0 && previous?.view === signature && !belongingsChanged && !lootChanged) {
      if (atRestNow(fighter, tick.now)) atRest.set(fighter.combat, { resources: fighter.player.resources, level: fighter.player.level });
      continue;
    }
    const update: StateUpdate = {};
    if (Object.keys(changed).length > 0) update.character = changed;
    if (previous?.view !== signature) update.combat = view;
    if (belongingsChanged) update.belongings = belongingsView(fighter.combat, tick.deps.items, tick.rules.bagSlots, fighter.player.archetype);
    if (lootChanged) update.loot = loot && lootView(loot, tick.deps.items, tick.now);
    // Not on the first report after entering: the window came from the database then.
    if (previous && lootChanged) {
      const window = loot && { from: loot.from, items: [...loot.items], expiresIn: Math.max(0, loot.expiresAt - tick.now) };
      tick.effects.push({ kind: 'loot_window', characterId: fighter.player.characterId, window });
    }
    tick.outgoing.push({ to: fighter.id, event: 'state_update', data: update });
    tick.put(withState(fighter, { reported: { view: signature, character: fields as Record<string, number>, inventory, coins, loot } }));
  }
}

/**
 * Nothing in the view can change while the component stays the same object:
 * no target (whose health shows), no cast, no timed effect, not dead, no
 * swing pending, no loot waiting — the only parts that move with the clock or with others.
 */
function atRestNow(fighter: Fighter, now: number): boolean {
  const { state } = fighter.combat;
  return (
    state.targetId === undefined &&
    !state.casting &&
    state.effects.length === 0 &&
    !state.dead &&
    !state.autoAttacking &&
    isDue(now, state.nextSwingAt) &&
    // A loot window runs out on the clock.
    !state.loot
  );
}

function health(entity: Parameters<typeof resourcesOf>[0]): number {
  const { hp, maxHp } = resourcesOf(entity);
  return maxHp > 0 ? Math.round((100 * Math.max(0, hp)) / maxHp) : 100;
}
