import { compassPoint } from '../../movement/compass.js';
import { round } from '../../movement/geometry.js';
import { rosterEntry } from '../../proximity/roster.js';
import { gameEvent } from '../../world/types.js';
import { defineCommand } from '../registry.js';
import { LookQuery } from '../events.js';

export const look = defineCommand({
  name: 'look',
  aliases: ['l'],
  summary: 'Describe where you are and who is nearby.',
  schema: LookQuery,
  syntax: '',
  build: () => ({ type: 'query', what: 'look' }),
  run({ world, actor, rules, now }) {
    const nearby = [...world.entities.values()]
      .filter((other) => other.id !== actor.id)
      .map((other) => rosterEntry(actor, other))
      .filter((entry) => entry.range <= rules.perceptionRange)
      .sort((a, b) => a.range - b.range);
    const where = `You are in ${world.zone.name} at (${round(actor.x, 1)}, ${round(actor.y, 1)}), facing ${compassPoint(actor.heading)}.`;
    const exits = world.zone.adjacent.length > 0 ? ` Paths lead to: ${world.zone.adjacent.join(', ')}.` : '';
    const who =
      nearby.length === 0
        ? ' Nobody is nearby.'
        : ` Nearby: ${nearby.map((e) => `${e.name} (${e.kind}) ${Math.round(e.range)} m ${compassPoint(e.bearing)}`).join('; ')}.`;
    return { outgoing: [{ to: actor.id, event: 'event', data: gameEvent(now(), 'look', where + exits + who) }] };
  },
});
