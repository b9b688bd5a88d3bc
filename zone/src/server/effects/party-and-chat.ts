import type { MessageBus } from '@aether/shared';
import type { PartyRepository } from '@aether/shared/db';
import type { Logger } from '@aether/shared/observability';
import type { CharacterLookup } from '../../chat/character-lookup.js';
import { PlayerMessenger } from '../../chat/player-messenger.js';
import { AlliesPublisher } from '../../party/allies-publisher.js';
import { alliesSampler } from '../../party/allies-sampler.js';
import { PartyService } from '../../party/party-service.js';
import type { Rules } from '../../rules/rules.js';
import type { System } from '../../world/system.js';
import type { BroadcastHandlers } from '../zone-host.js';
import { chatBroadcastHandlers, chatEffectHandlers } from './chat-handlers.js';
import type { EffectHandlers } from './effect-router.js';
import { partyEffectHandlers } from './party-handlers.js';

export interface PartyAndChatDeps {
  bus: MessageBus;
  /** Names to characters; the database's character repository fits. */
  characters: CharacterLookup;
  rules: Rules;
  logger: Logger;
  /** Party membership that outlives a Redis flush (PostgreSQL); absent: the bus alone. */
  partyStore?: PartyRepository;
  /** A character's party, when it changed or was looked up; `zoneId` when known to be where they play. */
  onMembership?: (characterId: string, partyId: string | null, zoneId?: string) => void;
}

/**
 * Chat beyond one zone (shouts over borders, whispers by name) and parties,
 * ready to hand to a ZoneHost: its effect and broadcast handlers, and the
 * per-zone system that samples allies' vitals.
 */
export function partyAndChat({ bus, characters, rules, logger, partyStore, onMembership }: PartyAndChatDeps): {
  effectHandlers: EffectHandlers;
  broadcastHandlers: BroadcastHandlers;
  systems: () => System[];
  parties: PartyService;
} {
  const onMalformed = (key: string, error: unknown) => logger.warn({ err: error, key }, 'ignoring a malformed value on the bus');
  const messenger = new PlayerMessenger(bus, onMalformed);
  const parties = new PartyService({
    bus,
    characters,
    limits: { maxSize: rules.partyMaxSize, inviteMs: rules.partyInviteSeconds * 1000 },
    isOnline: async (characterId) => (await messenger.locate(characterId)) !== null,
    onMalformed,
    ...(partyStore ? { store: partyStore } : {}),
  });
  const allies = new AlliesPublisher({
    bus,
    messenger,
    partyOf: (characterId) => parties.partyOf(characterId),
    ...(onMembership ? { onMembership: (characterId: string, zoneId: string, partyId: string | null) => onMembership(characterId, partyId, zoneId) } : {}),
  });
  return {
    effectHandlers: {
      ...chatEffectHandlers({ bus, messenger, characters }),
      ...partyEffectHandlers({ parties, allies, messenger, logger, ...(onMembership ? { onMembership } : {}) }),
    },
    broadcastHandlers: chatBroadcastHandlers(rules),
    systems: () => [alliesSampler()],
    parties,
  };
}
