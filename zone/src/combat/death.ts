import { initialCombatState, resourcesOf, withResources, withState } from './combatant.js';
import { participant, type CombatTick } from './combat-tick.js';
import { deathText } from './narrative.js';
import { awardExperience, dropLoot } from './rewards.js';
import { isDue } from './timing.js';

/**
 * A fighter reached 0 hp: everyone near hears it, the attackers share its
 * experience, the top one gets its loot, and nobody fights it any more.
 * Players stay (dead) until they respawn; other fighters are removed, or
 * kept dead for their owner when they ask for that (`onDeath: 'keep'`).
 */
export function kill(tick: CombatTick, victimId: string, killerId?: string): void {
  const victim = tick.fighter(victimId);
  if (!victim || victim.combat.state.dead) return;
  const killer = tick.get(killerId);
  tick.announce(victim, 'death', deathText(victim), {
    ...(killer ? { source: participant(killer) } : {}),
    target: participant(victim),
    result: 'death',
  });
  if (victim.player) {
    tick.tell(victim, 'death', `You die. You will return to life at ${tick.zone.name}'s spawn point in ${tick.rules.respawnDelay} s.`);
  }
  tick.kills.push({ victim, ...(killer ? { killerId: killer.id } : {}) });
  awardExperience(tick, victim);
  dropLoot(tick, victim);

  for (const fighter of tick.fighters()) {
    if (fighter.id !== victimId && fighter.combat.state.targetId === victimId) {
      tick.put(withState(fighter, { targetId: undefined, autoAttacking: false }));
    }
  }
  const dead = withState(victim, {
    ...initialCombatState(),
    dead: true,
    diedAt: tick.now,
    // Loot waiting to be taken outlives its taker's death (it still runs out on time).
    loot: victim.combat.state.loot,
    reported: victim.combat.state.reported,
  });
  const body = { ...withResources(dead, { ...resourcesOf(dead), hp: 0 }), intent: { kind: 'idle' as const } };
  if (!victim.player && victim.combat.onDeath === 'remove') tick.remove(victimId);
  else tick.put(body);
}

/** A dead player stays put (no walking) until its respawn time, then wakes at the zone's spawn point with full pools. */
export function whileDead(tick: CombatTick, id: string): void {
  const fighter = tick.fighter(id);
  if (!fighter?.combat.state.dead) return;
  const { diedAt = tick.now } = fighter.combat.state;
  if (!fighter.player || !isDue(tick.now, diedAt + tick.rules.respawnDelay)) {
    if (fighter.intent.kind !== 'idle') tick.put({ ...fighter, intent: { kind: 'idle' } });
    return;
  }
  const r = resourcesOf(fighter);
  const revived = withState(withResources(fighter, { ...r, hp: r.maxHp, stamina: r.maxStamina, mana: r.maxMana }), {
    ...initialCombatState(),
    nextRegenAt: tick.now + tick.rules.regenInterval,
    loot: fighter.combat.state.loot,
    reported: fighter.combat.state.reported,
  });
  const { spawn } = tick.zone;
  const placed = { ...revived, x: spawn.x, y: spawn.y, intent: { kind: 'idle' as const } };
  tick.put(placed);
  tick.tell(placed, 'death', `You return to life at ${tick.zone.name}.`);
}
