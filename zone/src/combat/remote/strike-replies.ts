import type { GameEvent } from '@aether/shared';
import type { StrikeResult, StrikeResultEffect } from './remote-combat.js';

interface Reply {
  toZoneId: string;
  /** Only a player's client shows the lines; a creature's zone needs to hear only that its fight ended. */
  toPlayer: boolean;
  result: StrikeResult;
}

/**
 * What the strikes one combat update received came to, one result per
 * attacker and target, sent back when the update ends.
 */
export class StrikeReplies {
  private readonly replies = new Map<string, Reply>();

  constructor(private readonly zoneId: string) {}

  /** The result for `attackerId` (standing in `toZoneId`) about `targetId`, made at the first use. */
  to(attacker: { id: string; kind: string }, toZoneId: string, targetId: string): StrikeResult {
    const key = `${attacker.id}\u0000${targetId}`;
    let reply = this.replies.get(key);
    if (!reply) {
      const result: StrikeResult = { fromZoneId: this.zoneId, attackerId: attacker.id, targetId, events: [], ended: false };
      reply = { toZoneId, toPlayer: attacker.kind === 'player', result };
      this.replies.set(key, reply);
    }
    return reply.result;
  }

  line(result: StrikeResult, event: GameEvent): void {
    // The schema caps a result's lines; a flood of strikes in one tick keeps the first ones.
    if (result.events.length < 32) result.events.push(event);
  }

  /** The results worth sending: lines for a player, an end, or a reward. */
  effects(): StrikeResultEffect[] {
    const effects: StrikeResultEffect[] = [];
    for (const { toZoneId, toPlayer, result } of this.replies.values()) {
      const events = toPlayer ? result.events : [];
      if (events.length === 0 && !result.ended && !result.xp && !result.loot) continue;
      effects.push({ kind: 'combat.strike_result', toZoneId, result: { ...result, events } });
    }
    return effects;
  }
}
