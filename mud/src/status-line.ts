import { plainLine, type CombatState, type Resources, type StateUpdate } from '@aether/shared/protocol';
import { truncateToWidth } from './text-width.js';

/** What the status prompt shows: the last known value of each part, from world_enter and state_update. */
export interface StatusView {
  resources: Resources;
  combat?: CombatState;
  pvp?: NonNullable<StateUpdate['pvp']>;
}

/** A creature's name in the prompt is cut here, so the prompt leaves room to type. */
const TARGET_NAME_MAX = 24;

/** A living character never shows 0 HP, a scratched target never 0 %: rounding must not claim a death. */
function amount(value: number): number {
  const rounded = Math.round(value);
  return value > 0 ? Math.max(1, rounded) : 0;
}

function pool(label: string, value: number, max: number): string | undefined {
  // A warrior without mana has no use for "MP 0/0".
  if (max <= 0) return undefined;
  return `${label} ${amount(value)}/${Math.round(max)}`;
}

/**
 * The prompt's text, e.g. `[HP 85/100 | ST 60/100 | MP 40/100 | ATB 70% | Wild boar 45%]`.
 * The gauge and target appear while fighting; casting, status effects, death,
 * a duel and an open-PvP zone are marked when they apply. Counters that tick
 * down (cast time, respawn) are left out: the prompt is redrawn on changes,
 * not every second, so they would be stale as soon as they were drawn.
 */
export function formatStatus(view: StatusView): string {
  const { resources: r, combat, pvp } = view;
  const parts = [pool('HP', r.hp, r.maxHp), pool('ST', r.stamina, r.maxStamina), pool('MP', r.mana, r.maxMana)];
  if (combat?.dead) {
    parts.push('dead');
  } else if (combat && (combat.inCombat || combat.target || combat.casting)) {
    parts.push(`ATB ${Math.floor(combat.atb)}%`);
    if (combat.target) parts.push(`${truncateToWidth(plainLine(combat.target.name), TARGET_NAME_MAX)} ${amount(combat.target.health)}%`);
    if (combat.casting) parts.push(`casting ${truncateToWidth(plainLine(combat.casting.ability), TARGET_NAME_MAX)}`);
  }
  const effects = [...new Set(combat?.effects.map((e) => e.kind) ?? [])];
  if (effects.length > 0 && !combat?.dead) parts.push(effects.join(' '));
  if (pvp?.duelWith) parts.push(`duel: ${truncateToWidth(plainLine(pvp.duelWith), TARGET_NAME_MAX)}`);
  else if (pvp?.policy === 'open') parts.push('PvP');
  return `[${parts.filter((part) => part !== undefined).join(' | ')}]`;
}
