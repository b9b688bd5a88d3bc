import type { ChatRefusal } from './chat-allowance.js';

/** A shout also carries into the neighbouring zones; the zone host publishes it to each one's broadcast channel. */
export interface ShoutEffect {
  kind: 'chat.shout';
  from: { id: string; name: string };
  /** Where the shouter stands, in world coordinates (shared by every zone). */
  x: number;
  y: number;
  text: string;
  /** The zones that share a border with the shouter's zone. */
  toZoneIds: string[];
}

/**
 * A /say or /emote near a border also carries into the neighbouring zones
 * within its range (chat/across-border.ts); the zone host publishes it to each.
 */
export interface SpeechAcrossEffect {
  kind: 'chat.speech';
  channel: 'say' | 'emote';
  from: { id: string; name: string };
  /** Where the speaker stands, in world coordinates. */
  x: number;
  y: number;
  text: string;
  toZoneIds: string[];
}

/** A whisper finds its listener by name wherever they are: database for the name, registry for where they play. */
export interface WhisperEffect {
  kind: 'chat.whisper';
  from: { id: string; characterId: string; name: string };
  toName: string;
  text: string;
}

/** A chat line the tick refused (muted, too long, too fast): the host only counts it (aether_zone_chat_refused_total). */
export interface ChatRefusedEffect {
  kind: 'chat.refused';
  reason: ChatRefusal;
}

export type ChatEffect = ShoutEffect | SpeechAcrossEffect | WhisperEffect | ChatRefusedEffect;

// Registers this feature's effects with the kernel's Effect union (zone/src/world/effects.ts).
declare module '../world/effects.js' {
  interface EffectMap {
    chat: ChatEffect;
  }
}
