import type { BorderEffect } from '../borders/border-interest.js';
import type { TransferEffect } from '../movement/transfer.js';
import type { ChatEffect } from '../chat/chat-effects.js';
import type { PartyEffect } from '../party/party-effects.js';
import type { CombatEffect } from '../combat/combat-effects.js';
import type { NpcReplyRequest } from '../npc/reply-request.js';
import type { AdminEffect } from '../admin/admin-effect.js';

/**
 * Things a tick asks the world outside this zone to do: the pure core cannot
 * reach the bus or the database, so it returns effects and the zone host
 * carries them out after the tick (docs/design.md §1: pure core, thin I/O shell).
 * Each game system adds its own members to this union.
 */
export type Effect = TransferEffect | BorderEffect | ChatEffect | PartyEffect | CombatEffect | NpcReplyRequest | AdminEffect;
