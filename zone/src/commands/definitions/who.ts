import { gameEvent } from '../../world/types.js';
import { isPlayer } from '../../world/queries.js';
import { defineCommand } from '../registry.js';
import { WhoQuery } from '../events.js';

export const who = defineCommand({
  name: 'who',
  summary: 'List the players in this zone.',
  schema: WhoQuery,
  syntax: '',
  build: () => ({ type: 'query', what: 'who' }),
  run({ world, actor, now }) {
    const names = [...world.entities.values()]
      .filter(isPlayer)
      .map((player) => player.name)
      .sort();
    const text = `${names.length} player${names.length === 1 ? '' : 's'} in ${world.zone.name}: ${names.join(', ')}`;
    return { outgoing: [{ to: actor.id, event: 'event', data: gameEvent(now(), 'system', text) }] };
  },
});
