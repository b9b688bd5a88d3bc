import { gameEvent } from '../../world/types.js';
import { COMMAND_CATEGORIES, defineCommand, type CommandDefinition } from '../registry.js';
import { HelpQuery } from '../events.js';

export const help = defineCommand({
  name: 'help',
  aliases: ['?', 'commands'],
  summary: 'List the commands by group, or explain one (/help party) or a group (/help combat).',
  schema: HelpQuery,
  syntax: '[command]',
  build: ({ command }) => ({ type: 'query', what: 'help', topic: command }),
  run({ actor, registry, now }, { topic }) {
    const visible = registry.list().filter((definition) => !definition.admin || actor.player?.admin);
    if (topic === undefined) {
      const footer = 'Type /help <command> (or a group: /help combat) for details. Text without a slash is said aloud.';
      return { outgoing: [{ to: actor.id, event: 'event', data: gameEvent(now(), 'system', `Commands:\n${listing(visible).join('\n')}\n${footer}`) }] };
    }
    const name = topic.replace(/^\//, '').toLowerCase();
    const definition = registry.resolve(name);
    const group = COMMAND_CATEGORIES.find((category) => category.toLowerCase() === name);
    if (!definition && group) {
      const members = visible.filter((member) => member.category === group);
      const text = members.length > 0 ? listing(members).join('\n') : `No ${group.toLowerCase()} commands here.`;
      return { outgoing: [{ to: actor.id, event: 'event', data: gameEvent(now(), 'system', text) }] };
    }
    if (!definition) {
      const suggestion = registry.suggest(name);
      const hint = suggestion ? ` Did you mean /help ${suggestion}?` : ' Type /help for the list.';
      return { outgoing: [{ to: actor.id, event: 'error', data: { code: 'unknown_command', message: `There is no /${name}.${hint}` } }] };
    }
    return { outgoing: [{ to: actor.id, event: 'event', data: gameEvent(now(), 'system', describe(definition)) }] };
  },
});

/**
 * One line per command, its main usage then its summary, under a heading per
 * group in COMMAND_CATEGORIES order; within a group, registration order.
 */
function listing(definitions: readonly CommandDefinition[]): string[] {
  return COMMAND_CATEGORIES.flatMap((category) => {
    const members = definitions.filter((definition) => definition.category === category);
    if (members.length === 0) return [];
    return [`${category}:`, ...members.map((definition) => `  ${definition.usage[0]} — ${definition.summary}`)];
  });
}

function describe(definition: CommandDefinition): string {
  const aliases = definition.aliases.length > 0 ? `\nAlso: ${definition.aliases.map((alias) => `/${alias}`).join(', ')}` : '';
  return `${definition.summary}\nUsage:\n${definition.usage.map((form) => `  ${form}`).join('\n')}${aliases}`;
}
