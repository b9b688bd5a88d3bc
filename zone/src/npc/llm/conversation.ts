/** One exchange with an NPC, as the LLM is reminded of it. */
export interface Exchange {
  speaker: string;
  said: string;
  reply: string;
}

/** The history with `exchange` added, keeping only the last `limit` exchanges. */
export function remember(history: readonly Exchange[], exchange: Exchange, limit: number): Exchange[] {
  if (limit <= 0) return [];
  return [...history, exchange].slice(-limit);
}

/**
 * Recent LLM exchanges per player per NPC: what one player told an NPC is
 * never in the context of its answer to another, so no player can steer what
 * it says to someone else. Bounded twice: the last `limit` exchanges per
 * conversation, and at most `maxConversations` conversations, the least
 * recently used forgotten first.
 */
export class ConversationMemory {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  private readonly conversations = new Map<string, readonly Exchange[]>();

  constructor(
    private readonly limit: number,
    private readonly maxConversations = 1000,
  ) {}

  get size(): number {
    return this.conversations.size;
  }

  recall(npcId: string, playerId: string): readonly Exchange[] {
    const key = keyOf(npcId, playerId);
    const history = this.conversations.get(key);
    if (!history) return [];
    this.conversations.delete(key);
    this.conversations.set(key, history);
    return history;
  }

  record(npcId: string, playerId: string, exchange: Exchange): void {
    const key = keyOf(npcId, playerId);
    const history = remember(this.conversations.get(key) ?? [], exchange, this.limit);
    this.conversations.delete(key);
    if (history.length === 0) return;
    this.conversations.set(key, history);
    for (const oldest of this.conversations.keys()) {
      if (this.conversations.size <= this.maxConversations) break;
      this.conversations.delete(oldest);
    }
  }
}

const keyOf = (npcId: string, playerId: string) => `${npcId}\u0000${playerId}`;
