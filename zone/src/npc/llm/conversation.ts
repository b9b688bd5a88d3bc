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

/** Each NPC's recent LLM exchanges, shared by everyone who talks to it (it is one mind, overheard by all). */
export class ConversationMemory {
  private readonly byNpc = new Map<string, readonly Exchange[]>();

  constructor(private readonly limit: number) {}

  recall(npcId: string): readonly Exchange[] {
    return this.byNpc.get(npcId) ?? [];
  }

  record(npcId: string, exchange: Exchange): void {
    this.byNpc.set(npcId, remember(this.recall(npcId), exchange, this.limit));
  }
}
