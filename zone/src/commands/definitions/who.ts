import { gameEvent } from '../../world/types.js';
import { isPlayer } from '../../world/queries.js';
import { defineCommand } from '../registry.js';
import { WhoQuery } from '../events.js';

export const who = defineCommand({
  name: 'who',
  summary: 'List the players in this zone, with their level and archetype.',
  schema: WhoQuery,
  syntax: '',
  build: () => ({ type: 'query', what: 'who' }),
  run({ world, actor, now }) {
    // Level and archetype after each name: what a player wants to know of the others, and what a MUD lines up in a table.
    const names = [...world.entities.values()]
      .filter(isPlayer)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map(({ name, player }) => (player ? `${name} (level ${player.level} ${player.archetype})` : name));
    const text = `${names.length} player${names.length === 1 ? '' : 's'} in ${world.zone.name}: ${names.join(', ')}`;
    return { outgoing: [{ to: actor.id, event: 'event', data: gameEvent(now(), 'system', text) }] };
  },
});
