import type { Logger } from '@aether/shared/observability';
import type { ClientMessage } from '@aether/shared';
import type { PlayerMessenger } from '../../chat/player-messenger.js';
import type { AlliesPublisher } from '../../party/allies-publisher.js';
import type { PartyOutcome, PartyService } from '../../party/party-service.js';
import type { Notice } from '../../party/party-rules.js';
import { gameEvent } from '../../world/types.js';
import type { EffectHandlers } from './effect-router.js';

export interface PartyEffectDeps {
  parties: PartyService;
  allies: AlliesPublisher;
  messenger: PlayerMessenger;
  logger: Logger;
  /** A character's party changed (null: none); the zones here that simulate them are told (zone/src/combat/pvp: party members do not fight). */
  onMembership?: (characterId: string, partyId: string | null) => void;
}

/** `/party …` goes to the party service; its news goes to each member wherever they play. */
export function partyEffectHandlers({ parties, allies, messenger, logger, onMembership }: PartyEffectDeps): EffectHandlers {
  return {
    'party.action': async (effect) => {
      const { actor, action } = effect;
      let outcome: PartyOutcome;
      try {
        outcome = await parties.act({ characterId: actor.characterId, name: actor.name }, action);
      } catch (error) {
        logger.error({ err: error, characterId: actor.characterId, action: action.action }, 'party command failed');
        await messenger.deliver([
          { characterId: actor.characterId, event: 'error', data: { code: 'internal', message: 'Parties are unavailable right now; try again.' } },
        ]);
        return;
      }
      await messenger.deliver(outcome.notices.map(toMessage));
      if (outcome.before === outcome.after) return;
      const stay = new Set(outcome.after?.members.map((m) => m.characterId));
      const dropped = (outcome.before?.members ?? []).map((m) => m.characterId).filter((id) => !stay.has(id));
      for (const member of outcome.after?.members ?? []) onMembership?.(member.characterId, outcome.after!.id);
      for (const characterId of dropped) onMembership?.(characterId, null);
      await allies.pushParty(outcome.after, dropped);
    },
    'party.vitals': (effect) => allies.onSample(effect),
  };
}

function toMessage(notice: Notice): ClientMessage {
  if (notice.refusal) return { characterId: notice.to, event: 'error', data: { code: notice.refusal, message: notice.text } };
  return { characterId: notice.to, event: 'event', data: gameEvent(Date.now(), 'system', notice.text, { channel: 'party' }) };
}
