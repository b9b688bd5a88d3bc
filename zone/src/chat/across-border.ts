import { plainLine, type BusPayload } from '@aether/shared';
import { distanceToBounds } from '../movement/geometry.js';
import { gameEvent, type Outgoing, type ZoneDef } from '../world/types.js';
import { emoteLine, sayLine } from './chat-lines.js';
import { withinEarshot, type Listener } from './hearing.js';

/**
 * The neighbouring zones with some ground within `range` of (x, y): those a
 * /say or /emote from there reaches. Zones share one world coordinate system,
 * so a zone's bounds are enough. Nothing is allocated for a speaker far from
 * every border beyond the empty answer.
 */
export function zonesInEarshot(zone: ZoneDef, x: number, y: number, range: number): string[] {
  const reached: string[] = [];
  for (const neighbor of zone.neighbors ?? []) if (distanceToBounds(x, y, neighbor.bounds) <= range) reached.push(neighbor.id);
  return reached;
}

/**
 * A neighbour's /say or /emote arriving in this zone: everyone here within
 * `range` (this channel's range, the same as inside one zone) of the speaker
 * hears the line others would hear. The text was cleaned where it was typed;
 * cleaning it again costs little and keeps a bad peer from reaching a screen.
 */
export function hearSpeech(speech: BusPayload<'zone.speech'>, listeners: Iterable<Listener>, range: number, now: number): Outgoing[] {
  const text = plainLine(speech.text);
  if (!text) return [];
  const from = { id: speech.from.id, name: plainLine(speech.from.name) };
  const type = speech.channel === 'say' ? 'speech' : 'emote';
  const line = speech.channel === 'say' ? sayLine.others(from, text) : emoteLine(from, text);
  return withinEarshot(listeners, speech.x, speech.y, range).map((listener) => ({
    to: listener.entityId,
    event: 'event',
    data: gameEvent(now, type, line, { channel: speech.channel, from }),
  }));
}
