import type { Entity } from '../world/types.js';

/**
 * The player as if its client had been told nothing yet: after a resync (the
 * client came back through another gateway, with a fresh page or process)
 * every part of `state_update` must go out again, not only the world_enter
 * and the full frame. Each feature re-sends what it marks as shown once the
 * mark is gone: combat's report (pools, combat view, belongings, loot
 * window), the quest list, the PvP rule.
 */
export function forgetShown(entity: Entity): Entity {
  const { combat, player } = entity;
  const next = { ...entity };
  if (combat?.state.reported) next.combat = { ...combat, state: { ...combat.state, reported: undefined } };
  if (player && (player.pvpShown || player.quests?.shown)) {
    next.player = { ...player, pvpShown: undefined, ...(player.quests ? { quests: { entries: player.quests.entries } } : {}) };
  }
  return next;
}
