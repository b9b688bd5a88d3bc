import type { GameEvent } from '@aether/shared';
import { gameEvent } from '../world/types.js';

/** Every chat line as players read it, in one place so the wording stays consistent. */

type From = { id: string; name: string };

export const sayLine = {
  own: (text: string) => `You say, "${text}"`,
  others: (from: From, text: string) => `${from.name} says, "${text}"`,
};

export const shoutLine = {
  own: (text: string) => `You shout, "${text}"`,
  others: (from: From, text: string) => `${from.name} shouts, "${text}"`,
};

export const emoteLine = (from: From, text: string) => `${from.name} ${text}`;

export function whisperToListener(from: From, text: string, now: number): GameEvent {
  return gameEvent(now, 'speech', `${from.name} whispers to you: ${text}`, { channel: 'whisper', from });
}

export function whisperEcho(from: From, toName: string, text: string, now: number): GameEvent {
  return gameEvent(now, 'speech', `You whisper to ${toName}: ${text}`, { channel: 'whisper', from });
}
