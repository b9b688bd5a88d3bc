/** NPC timing (docs/gameplay.md, "NPCs"). */
export interface NpcTuning {
  /** A player is greeted again only after this many seconds. */
  regreetSeconds: number;
  /** After an exchange, the player's next words count as addressed to the NPC for this many seconds. */
  conversationSeconds: number;
}

export const DEFAULT_NPC_TUNING: NpcTuning = { regreetSeconds: 300, conversationSeconds: 60 };
