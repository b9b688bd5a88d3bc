import { compassPoint } from '../../movement/compass.js';
import { round } from '../../movement/geometry.js';
import { rosterEntry } from '../../proximity/roster.js';
import { gameEvent } from '../../world/types.js';
import { matchName } from '../name-match.js';
import { defineCommand } from '../registry.js';
import { LookQuery } from '../events.js';

export const look = defineCommand({
  name: 'look',
  aliases: ['l'],
  summary: 'Describe where you are and who is nearby, or one of them: /look wild boar 2.',
  schema: LookQuery,
  syntax: '[name+] [ordinal#]',
  build: ({ name, ordinal }) => ({ type: 'query', what: 'look', target: name, ordinal }),
  run({ world, actor, rules, now }, { target, ordinal }) {
    const nearby = [...world.entities.values()]
      .filter((other) => other.id !== actor.id)
      .map((other) => rosterEntry(actor, other))
      .filter((entry) => entry.range <= rules.perceptionRange)
      .sort((a, b) => a.range - b.range);
    if (target !== undefined) {
      const found = matchName(
        { name: target, ordinal },
        nearby.map((entry) => ({ ...entry, order: entry.range })),
      );
      if (!found.ok) return { outgoing: [{ to: actor.id, event: 'error', data: { code: 'not_found', message: found.message } }] };
      const { name, kind, range, bearing, moving, heading } = found.match;
      const motion = moving ? `walking ${compassPoint(heading)}` : `facing ${compassPoint(heading)}`;
      const text = `${name} (${kind}), ${Math.round(range)} m ${compassPoint(bearing)} of you, ${motion}.`;
      return { outgoing: [{ to: actor.id, event: 'event', data: gameEvent(now(), 'look', text) }] };
    }
    const where = `You are in ${world.zone.name} at (${round(actor.x, 1)}, ${round(actor.y, 1)}), facing ${compassPoint(actor.heading)}.`;
    const exits = world.zone.adjacent.length > 0 ? ` Paths lead to: ${world.zone.adjacent.join(', ')}.` : '';
    const who =
      nearby.length === 0
        ? ' Nobody is nearby.'
        : ` Nearby: ${nearby.map((e) => `${e.name} (${e.kind}) ${Math.round(e.range)} m ${compassPoint(e.bearing)}`).join('; ')}.`;
    return { outgoing: [{ to: actor.id, event: 'event', data: gameEvent(now(), 'look', where + exits + who) }] };
  },
});
