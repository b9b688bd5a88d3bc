import { DEFAULT_CHAT_LIMITS, type ChatLimits } from '../chat/chat-limits.js';

/** Tunable game rules; defaults documented in docs/gameplay.md. */
export interface Rules {
  /** How far a player sees other entities, metres. */
  perceptionRange: number;
  /** `/say` reach, metres. */
  sayRange: number;
  /** `/emote` reach, metres. */
  emoteRange: number;
  /** `/shout` reach, metres; it carries into neighbouring zones too. */
  shoutRange: number;
  /** Most members a party can have, the leader included. */
  partyMaxSize: number;
  /** How long a party invitation stands, seconds. */
  partyInviteSeconds: number;
  /** How often party members' vitals are sampled for `state_update.allies`, seconds. */
  alliesIntervalSeconds: number;
  /** Walking speed limit for players, metres per second. */
  playerSpeed: number;
  /**
   * Clients carry each entity forward along its last reported heading and
   * speed; the zone sends a new record once that guess would be off by more
   * than this many metres (docs/protocol.md, "Frames").
   */
  motionTolerance: number;
  /**
   * Who is within perception range is worked out for each player every this
   * many ticks, players taking turns; motion of what is already in view goes
   * out every tick (docs/protocol.md, "Frames").
   */
  viewRangeEveryTicks: number;
  /** Chat line length and rate per player (CHAT_MAX_LENGTH, CHAT_BURST, CHAT_LINES_PER_MINUTE). */
  chat: ChatLimits;
}

export const DEFAULT_RULES: Rules = {
  perceptionRange: 100,
  sayRange: 20,
  emoteRange: 20,
  shoutRange: 150,
  partyMaxSize: 5,
  partyInviteSeconds: 60,
  alliesIntervalSeconds: 0.5,
  playerSpeed: 5,
  motionTolerance: 0.1,
  viewRangeEveryTicks: 4,
  chat: DEFAULT_CHAT_LIMITS,
};
