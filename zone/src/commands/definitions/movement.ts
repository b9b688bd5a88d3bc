import { intentFor } from '../../movement/move.js';
import { withEntity } from '../../world/queries.js';
import { gameEvent } from '../../world/types.js';
import type { CommandDefinition } from '../registry.js';

export const move: CommandDefinition = {
  name: 'move',
  aliases: ['go', 'walk'],
  usage: '/move <x> <y>',
  summary: 'Walk to a point in the zone (metres).',
  run({ world, actor }, args) {
    const parts = args.split(/[\s,]+/).filter(Boolean);
    const [x, y] = parts.map(Number);
    if (parts.length !== 2 || !Number.isFinite(x) || !Number.isFinite(y)) {
      return { outgoing: [{ to: actor.id, event: 'error', data: { code: 'invalid_command', message: 'Usage: /move <x> <y>, e.g. /move 120 80' } }] };
    }
    const intent = intentFor(actor, { target: { x: x!, y: y! } }, world.zone);
    const text = intent.kind === 'target' ? `You start walking towards (${intent.x}, ${intent.y}).` : 'You stay where you are.';
    return {
      world: withEntity(world, { ...actor, intent }),
      outgoing: [{ to: actor.id, event: 'event', data: gameEvent('movement', text) }],
    };
  },
};

export const stop: CommandDefinition = {
  name: 'stop',
  usage: '/stop',
  summary: 'Stop walking.',
  run({ world, actor }) {
    return {
      world: withEntity(world, { ...actor, intent: { kind: 'idle' } }),
      outgoing: [{ to: actor.id, event: 'event', data: gameEvent('movement', 'You stop.') }],
    };
  },
};
