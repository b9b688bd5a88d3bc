import type { BusPayload } from '@aether/shared';
import { gameEvent, type Outgoing } from '../world/types.js';
import { shoutLine } from './chat-lines.js';
import { withinEarshot, type Listener } from './hearing.js';

/**
 * A neighbour's shout arriving in this zone: everyone here within `range` of
 * the shouter hears it. Zones share one world coordinate system, so the
 * shouter's position needs no translation. `now` (wall-clock ms) stamps the lines.
 */
export function hearShout(shout: BusPayload<'zone.shout'>, listeners: Iterable<Listener>, range: number, now: number): Outgoing[] {
  return withinEarshot(listeners, shout.x, shout.y, range).map((listener) => ({
    to: listener.entityId,
    event: 'event',
    data: gameEvent(now, 'speech', shoutLine.others(shout.from, shout.text), { channel: 'shout', from: shout.from }),
  }));
}
