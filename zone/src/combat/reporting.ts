import type { CombatState as CombatView, StateUpdate } from '@aether/shared';
import { round } from '../movement/geometry.js';
import { atbRate } from './atb.js';
import type { CombatRules } from './combat-rules.js';
import { resourcesOf, withState, type Fighter } from './combatant.js';
import type { CombatTick } from './combat-tick.js';
import { isDue } from './timing.js';

type CharacterUpdate = NonNullable<StateUpdate['character']>;

/** What the fighter's client shows: the combat view, with counters as of `now`. */
function combatView(tick: CombatTick, fighter: Fighter): CombatView {
  const { state, stats, abilities } = fighter.combat;
  const { now } = tick;
  const target = tick.get(state.targetId);
  const view: CombatView = {
    inCombat: state.inCombat,
    target: target ? { id: target.id, name: target.name, health: health(target) } : null,
    atb: Math.floor(state.atb),
    atbRate: round(atbRate(stats, state.effects, tick.rules)),
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
  if (state.dead) view.dead = { respawnIn: round(Math.max(0, (state.diedAt ?? now) + tick.rules.respawnDelay - now), 1) };
  return view;
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
 * and xp in `state_update.character` (only the fields that changed), and its
 * combat view in `state_update.combat`. Nothing goes out when nothing changed.
 */
export function report(tick: CombatTick): void {
  const { atRest } = tick.deps;
  for (const fighter of tick.fighters()) {
    if (!fighter.player) continue;
    const rest = atRest.get(fighter.combat);
    if (rest && rest.resources === fighter.player.resources && rest.level === fighter.player.level) continue;
    const view = combatView(tick, fighter);
    const signature = viewSignature(view, fighter, tick.rules);
    const fields = characterFields(fighter);
    const previous = fighter.combat.state.reported;
    const last = previous?.character ?? {};
    const changed = Object.fromEntries(Object.entries(fields).filter(([key, value]) => last[key] !== value));
    if (Object.keys(changed).length === 0 && previous?.view === signature) {
      if (atRestNow(fighter, tick.now)) atRest.set(fighter.combat, { resources: fighter.player.resources, level: fighter.player.level });
      continue;
    }
    const update: StateUpdate = {};
    if (Object.keys(changed).length > 0) update.character = changed;
    if (previous?.view !== signature) update.combat = view;
    tick.outgoing.push({ to: fighter.id, event: 'state_update', data: update });
    tick.put(withState(fighter, { reported: { view: signature, character: fields as Record<string, number> } }));
  }
}

/**
 * Nothing in the view can change while the component stays the same object:
 * no target (whose health shows), no cast, no timed effect, not dead, no
 * swing pending — the only parts that move with the clock or with others.
 */
function atRestNow(fighter: Fighter, now: number): boolean {
  const { state } = fighter.combat;
  return state.targetId === undefined && !state.casting && state.effects.length === 0 && !state.dead && !state.autoAttacking && isDue(now, state.nextSwingAt);
}

function health(entity: Parameters<typeof resourcesOf>[0]): number {
  const { hp, maxHp } = resourcesOf(entity);
  return maxHp > 0 ? Math.round((100 * Math.max(0, hp)) / maxHp) : 100;
}
