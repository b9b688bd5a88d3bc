import type { ErrorCode, GameEventType } from '@aether/shared';
import type { CommandResult } from '../../commands/registry.js';
import { gameEvent, type Entity } from '../../world/types.js';

export function refuse(actor: Entity, message: string, code: ErrorCode = 'invalid_command'): CommandResult {
  return { outgoing: [{ to: actor.id, event: 'error', data: { code, message } }] };
}

/** `now`: wall-clock ms from the command context, the event's timestamp. */
export function reply(actor: Entity, text: string, now: number, type: GameEventType = 'combat'): CommandResult['outgoing'][number] {
  return { to: actor.id, event: 'event', data: gameEvent(now, type, text) };
}

export const CANNOT_FIGHT = 'You cannot fight.';
