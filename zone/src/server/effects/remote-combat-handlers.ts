import { Channels, type MessageBus } from '@aether/shared';
import type { EffectHandlers } from './effect-router.js';

/**
 * Blows across a border and what came of them travel to the other zone's
 * input channel, so they land in its next tick like any input
 * (zone/src/combat/remote/). A zone nobody simulates just does not answer:
 * the attacker's target then fades with its ghost.
 */
export function remoteCombatHandlers(bus: MessageBus): EffectHandlers {
  return {
    'combat.strike': async (effect) => void (await bus.publish(Channels.zoneInput(effect.toZoneId), 'zone.strike', effect.strike)),
    'combat.strike_result': async (effect) => void (await bus.publish(Channels.zoneInput(effect.toZoneId), 'zone.strike_result', effect.result)),
  };
}
