import { intentFor } from '../../movement/move.js';
import { withEntity } from '../../world/queries.js';
import { gameEvent } from '../../world/types.js';
import { defineCommand } from '../registry.js';
import { MovementStartEvent, MovementStopEvent } from '../events.js';

export const move = defineCommand({
  name: 'move',
  category: 'Movement',
  aliases: ['go', 'walk'],
  summary: 'Walk to a point (metres, x east and y north), e.g. /move 120 80.',
  schema: MovementStartEvent,
  syntax: '<x> <y>',
  build: ({ x, y }) => ({ type: 'movement_start', target: { x, y } }),
  run({ world, actor, now }, { target }) {
    const intent = intentFor(actor, { target }, world.zone);
    const text = intent.kind === 'target' ? `You start walking towards (${intent.x}, ${intent.y}).` : 'You stay where you are.';
    return {
      world: withEntity(world, { ...actor, intent }),
      outgoing: [{ to: actor.id, event: 'event', data: gameEvent(now(), 'movement', text) }],
    };
  },
});

export const stop = defineCommand({
  name: 'stop',
  category: 'Movement',
  summary: 'Stop walking.',
  schema: MovementStopEvent,
  syntax: '',
  build: () => ({ type: 'movement_stop' }),
  run({ world, actor, now }) {
    return {
      world: withEntity(world, { ...actor, intent: { kind: 'idle' } }),
      outgoing: [{ to: actor.id, event: 'event', data: gameEvent(now(), 'movement', 'You stop.') }],
    };
  },
});
