import type { ChatCompletionsClient } from './chat-completions-client.js';
import { npcMessages, type NpcBrainRequest } from './prompt.js';
import { cleanReply, MAX_REPLY_LENGTH } from './reply-text.js';

export type { NpcBrainRequest };

/** A reply and, when known, the tokens it cost (prompt and answer). */
export interface NpcBrainReply {
  text: string;
  tokens?: number;
}

/** Whatever thinks up NPC replies that no scripted rule covers. */
export interface NpcBrain {
  /** A sayable line ('' for nothing usable), or a reply with its cost; rejects on failure or when `signal` aborts. */
  reply(request: NpcBrainRequest, signal: AbortSignal): Promise<string | NpcBrainReply>;
}

/** An NpcBrain over any OpenAI-compatible chat-completions endpoint; replies cleaned and cut to `maxReplyLength`. */
export class LlmNpcBrain implements NpcBrain {
  constructor(
    private readonly client: Pick<ChatCompletionsClient, 'completeWithUsage'>,
    private readonly maxReplyLength = MAX_REPLY_LENGTH,
  ) {}

  async reply(request: NpcBrainRequest, signal: AbortSignal): Promise<NpcBrainReply> {
    const { text, totalTokens } = await this.client.completeWithUsage(npcMessages(request), signal);
    return { text: cleanReply(text, request.npc.name, this.maxReplyLength), ...(totalTokens !== undefined ? { tokens: totalTokens } : {}) };
  }
}
