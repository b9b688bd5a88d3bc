import type { Exchange } from './conversation.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface NpcBrainRequest {
  npc: { name: string; persona: string };
  zoneName: string;
  speaker: string;
  text: string;
  history: readonly Exchange[];
}

/** The chat an NPC's reply is asked for: who it is, what was said lately, what was just said. */
export function npcMessages(request: NpcBrainRequest): ChatMessage[] {
  const { npc, zoneName } = request;
  const system = [
    `You are ${npc.name}, a character in the fantasy world of Aether, standing in ${zoneName}.`,
    npc.persona,
    'Stay in character. Answer in one or two short sentences of plain speech: no narration, no actions in asterisks, no quotation marks, no emojis.',
  ]
    .filter(Boolean)
    .join(' ');
  return [
    { role: 'system', content: system },
    ...request.history.flatMap((exchange): ChatMessage[] => [
      { role: 'user', content: `${exchange.speaker}: ${exchange.said}` },
      { role: 'assistant', content: exchange.reply },
    ]),
    { role: 'user', content: `${request.speaker}: ${request.text}` },
  ];
}

/**
 * A rough count of the tokens a request and its reply will use, for budgets
 * before the server says (about four characters a token, plus each message's
 * overhead); `replyTokens` is the most the reply may take (max_tokens).
 */
export function estimateTokens(messages: readonly ChatMessage[], replyTokens: number): number {
  let characters = 0;
  for (const message of messages) characters += message.content.length;
  return Math.ceil(characters / 4) + 4 * messages.length + replyTokens;
}
