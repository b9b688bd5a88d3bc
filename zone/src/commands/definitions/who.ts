import { gameEvent } from '../../world/types.js';
import { isPlayer } from '../../world/queries.js';
import type { CommandDefinition } from '../registry.js';

export const who: CommandDefinition = {
  name: 'who',
  usage: '/who',
  summary: 'List the players in this zone.',
  run({ world, actor }) {
    const names = [...world.entities.values()].filter(isPlayer).map((player) => player.name).sort();
    const text = `${names.length} player${names.length === 1 ? '' : 's'} in ${world.zone.name}: ${names.join(', ')}`;
    return { outgoing: [{ to: actor.id, event: 'event', data: gameEvent('system', text) }] };
  },
};
