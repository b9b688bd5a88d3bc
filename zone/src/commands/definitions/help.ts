import { gameEvent } from '../../world/types.js';
import type { CommandDefinition } from '../registry.js';

export const help: CommandDefinition = {
  name: 'help',
  aliases: ['?', 'commands'],
  usage: '/help',
  summary: 'List the commands.',
  run({ actor, registry }) {
    const lines = registry.list().map((definition) => `${definition.usage} — ${definition.summary}`);
    return { outgoing: [{ to: actor.id, event: 'event', data: gameEvent('system', `Commands:\n${lines.join('\n')}`) }] };
  },
};
