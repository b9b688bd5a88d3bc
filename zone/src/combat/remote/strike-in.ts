import type { Entity } from '../../world/types.js';
import { gameEvent } from '../../world/types.js';
import { applyDamage, engage } from '../actions.js';
import { fightingStats, isAlive, levelOf, withState, type Fighter } from '../combatant.js';
import { participant, type CombatTick } from '../combat-tick.js';
import { hitLine, missLine, nameOf, sentence, statusLine } from '../narrative.js';
import { offerLoot } from '../items/loot-window.js';
import { gainExperience } from '../rewards.js';
import { applyStatus } from '../status-effects.js';
import { REMOTE_REACH_SLACK, type RemoteCombatInput, type RemoteStrike, type StrikeResult } from './remote-combat.js';

/** Everything from across a border this tick, in arrival order. */
export function receiveRemoteCombat(tick: CombatTick, inputs: readonly RemoteCombatInput[]): void {
  for (const input of inputs) {
    if (input.kind === 'strike') receiveStrike(tick, input.strike);
    else receiveResult(tick, input.result);
  }
}

/**
 * A blow at an entity here from a neighbouring zone. Fenced: it counts only
 * if the attacker stands where this zone last saw it (its ghost) within the
 * blow's reach of the target. Then it goes through the same code as a local
 * blow: the same roll, aggro, damage and death, and the same lines for
 * whoever is here; the attacker's own line goes back in the result.
 */
function receiveStrike(tick: CombatTick, strike: RemoteStrike): void {
  const seen = tick.ghost(strike.attacker.id);
  // Only an attacker this zone can see across the border it shares with the sender.
  if (!seen || seen.ghostOf !== strike.fromZoneId) return;
  const reply = tick.replies().to(strike.attacker, strike.fromZoneId, strike.targetId);
  const target = tick.fighter(strike.targetId);
  if (!isAlive(target) || (strike.attacker.kind === 'player' && target.player)) {
    reply.ended = true;
    return;
  }
  const attacker: Entity = { ...seen, name: strike.attacker.name, kind: strike.attacker.kind };
  const gap = Math.hypot(target.x - attacker.x, target.y - attacker.y, target.z - attacker.z);
  if (gap > strike.reach + REMOTE_REACH_SLACK) {
    tell(tick, reply, 'combat', `${sentence(nameOf(target))} is out of reach (${Math.round(gap)} m).`);
    return;
  }
  engage(tick, attacker.id, target.id);
  const ability = strike.ability;
  const detail = { source: participant(attacker), target: participant(target), ...(ability ? { ability } : {}) };
  const { effect } = strike;
  if (effect.kind === 'status') {
    const affected = tick.fighter(target.id)!;
    const status = { kind: effect.status, magnitude: effect.magnitude, expiresAt: tick.now + effect.duration, sourceId: attacker.id };
    tick.put(withState(affected, { effects: applyStatus(affected.combat.state.effects, status) }));
    const line = statusLine(attacker, target, effect.status, effect.duration, ability ?? 'blow');
    tick.narrate(attacker, target, line, 'combat', { ...detail, result: 'status' });
    tell(tick, reply, 'combat', line.actor, { ...detail, result: 'status' });
    return;
  }
  const defender = tick.fighter(target.id)!;
  const outcome = tick.deps.calculator.resolve(
    {
      attacker: { stats: strike.attacker.stats, level: strike.attacker.level },
      defender: { stats: fightingStats(defender.combat), level: levelOf(defender) },
      minDamage: effect.minDamage,
      maxDamage: effect.maxDamage,
      bonus: effect.bonus,
    },
    tick.random,
  );
  if (!outcome.hit) {
    const line = missLine(attacker, target, ability);
    tick.narrate(attacker, target, line, 'combat', { ...detail, result: 'miss' });
    tell(tick, reply, 'combat', line.actor, { ...detail, result: 'miss' });
    return;
  }
  const line = hitLine(attacker, target, outcome.amount, outcome.flags, ability);
  const hit = { ...detail, result: 'hit' as const, amount: outcome.amount, flags: outcome.flags };
  tick.narrate(attacker, target, line, 'combat', hit);
  tell(tick, reply, 'combat', line.actor, hit);
  applyDamage(tick, attacker.id, target.id, outcome.amount);
  const after = tick.fighter(target.id);
  if (!after || after.combat.state.dead) {
    reply.ended = true;
    tell(tick, reply, 'death', `${sentence(nameOf(target))} dies.`, { source: participant(attacker), target: participant(target), result: 'death' });
  }
}

/** What our strikes over the border came to: the attacker hears it, stops at an end, and takes its reward. */
function receiveResult(tick: CombatTick, result: StrikeResult): void {
  const attacker = tick.fighter(result.attackerId);
  if (!attacker) return;
  for (const event of result.events) tick.tell(attacker, event.type, event.text, event.combat);
  if (result.ended) stop(tick, attacker, result);
  if (result.xp && result.xp.amount > 0) gainExperience(tick, attacker.id, result.xp.amount, result.xp.from);
  if (result.loot && result.loot.length > 0) offerLoot(tick, attacker.id, result.xp?.from ?? 'your kill', result.loot);
}

function stop(tick: CombatTick, attacker: Fighter, result: StrikeResult): void {
  const { state } = attacker.combat;
  // A target that has since crossed over to here is fought here now.
  if (state.targetId !== result.targetId || tick.get(result.targetId)) return;
  tick.put(withState(attacker, { targetId: undefined, autoAttacking: false }));
  if (state.autoAttacking && result.events.length === 0) tick.tell(attacker, 'combat', 'You stop attacking: your target is gone.');
}

function tell(
  tick: CombatTick,
  reply: StrikeResult,
  type: 'combat' | 'death',
  text: string,
  combat?: NonNullable<StrikeResult['events'][number]['combat']>,
): void {
  tick.replies().line(reply, gameEvent(tick.stamp, type, text, combat ? { combat } : {}));
}
