import type { ChatCompletionsClient } from './chat-completions-client.js';
import { npcMessages, type NpcBrainRequest } from './prompt.js';
import { cleanReply } from './reply-text.js';

export type { NpcBrainRequest };

/** Whatever thinks up NPC replies that no scripted rule covers. */
export interface NpcBrain {
  /** A sayable line, or '' for nothing usable; rejects on failure or when `signal` aborts. */
  reply(request: NpcBrainRequest, signal: AbortSignal): Promise<string>;
}

/** An NpcBrain over any OpenAI-compatible chat-completions endpoint. */
export class LlmNpcBrain implements NpcBrain {
  constructor(private readonly client: Pick<ChatCompletionsClient, 'complete'>) {}

  async reply(request: NpcBrainRequest, signal: AbortSignal): Promise<string> {
    return cleanReply(await this.client.complete(npcMessages(request), signal), request.npc.name);
  }
}
