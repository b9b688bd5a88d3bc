// NPC content as the rest of the system sees it (docs/gameplay.md, "NPCs").

export const DIALOGUE_MATCHES = ['keyword', 'regex'] as const;
/** `keyword`: the pattern appears as whole words; `regex`: a regular expression. Both ignore case. */
export type DialogueMatch = (typeof DIALOGUE_MATCHES)[number];

export interface NpcDialogueRuleRecord {
  match: DialogueMatch;
  pattern: string;
  /** May name `{player}` and `{npc}`. */
  reply: string;
  /** Higher wins when several rules match. */
  priority: number;
}

export interface NpcRecord {
  id: string;
  zoneId: string;
  name: string;
  x: number;
  y: number;
  heading: number;
  /** Said to a player who comes within earshot. */
  greeting: string;
  /** Said when nothing matches and no LLM reply arrives. */
  fallback: string;
  /** Who the NPC is, for the optional LLM. */
  persona: string;
  /** Highest priority first. */
  dialogue: NpcDialogueRuleRecord[];
  /** What the NPC sells, sorted by item id; empty: not a vendor. */
  wares: VendorItemRecord[];
}

/** An item a vendor sells and its price in coins; vendors buy any item for its `value`. */
export interface VendorItemRecord {
  itemId: string;
  price: number;
}
