/**
 * The tick's request for an LLM reply: the NPC was spoken to, no scripted
 * rule answered, and an LLM is configured. The handler
 * (server/effects/npc-replies.ts) answers after the tick, never inside it, and
 * makes the NPC say the reply, or `fallback` when the LLM fails or is slow.
 */
export interface NpcReplyRequest {
  kind: 'npc_reply_request';
  npc: { id: string; entityId: string; name: string; persona: string };
  zone: { id: string; name: string };
  speaker: { id: string; name: string };
  text: string;
  fallback: string;
}

// Registers this feature's effects with the kernel's Effect union (zone/src/world/effects.ts).
declare module '../world/effects.js' {
  interface EffectMap {
    npcReply: NpcReplyRequest;
  }
}
