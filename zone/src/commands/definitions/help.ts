import { gameEvent } from '../../world/types.js';
import { defineCommand, type CommandDefinition } from '../registry.js';
import { HelpQuery } from '../events.js';

export const help = defineCommand({
  name: 'help',
  aliases: ['?', 'commands'],
  summary: 'List the commands, or explain one: /help party.',
  schema: HelpQuery,
  syntax: '[command]',
  build: ({ command }) => ({ type: 'query', what: 'help', topic: command }),
  run({ actor, registry, now }, { topic }) {
    if (topic === undefined) {
      const lines = registry
        .list()
        .filter((definition) => !definition.admin || actor.player?.admin)
        .map((definition) => `${definition.usage[0]} — ${definition.summary}`);
      const footer = 'Type /help <command> for details. Text without a slash is said aloud.';
      return { outgoing: [{ to: actor.id, event: 'event', data: gameEvent(now(), 'system', `Commands:\n${lines.join('\n')}\n${footer}`) }] };
    }
    const name = topic.replace(/^\//, '').toLowerCase();
    const definition = registry.resolve(name);
    if (!definition) {
      const suggestion = registry.suggest(name);
      const hint = suggestion ? ` Did you mean /help ${suggestion}?` : ' Type /help for the list.';
      return { outgoing: [{ to: actor.id, event: 'error', data: { code: 'unknown_command', message: `There is no /${name}.${hint}` } }] };
    }
    return { outgoing: [{ to: actor.id, event: 'event', data: gameEvent(now(), 'system', describe(definition)) }] };
  },
});

function describe(definition: CommandDefinition): string {
  const aliases = definition.aliases.length > 0 ? `\nAlso: ${definition.aliases.map((alias) => `/${alias}`).join(', ')}` : '';
  return `${definition.summary}\nUsage:\n${definition.usage.map((form) => `  ${form}`).join('\n')}${aliases}`;
}
