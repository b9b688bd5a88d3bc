import { gameEvent, type Outgoing } from '../../world/types.js';
import { playersWithin } from '../../world/queries.js';
import type { CommandContext, CommandDefinition, CommandResult } from '../registry.js';

function errorTo(to: string, message: string): CommandResult {
  return { outgoing: [{ to, event: 'error', data: { code: 'invalid_command', message } }] };
}

/** Speech reaches the players within range of the speaker, the speaker included. */
function local(context: CommandContext, channel: string, own: string, others: string): CommandResult {
  const { actor, world, rules } = context;
  const from = { id: actor.id, name: actor.name };
  const outgoing: Outgoing[] = playersWithin(world, actor.x, actor.y, rules.sayRange).map((listener) => ({
    to: listener.id,
    event: 'event',
    data: gameEvent(channel === 'emote' ? 'emote' : 'speech', listener.id === actor.id ? own : others, { channel, from }),
  }));
  return { outgoing };
}

export const say: CommandDefinition = {
  name: 'say',
  aliases: ['s'],
  usage: '/say <message>',
  summary: 'Speak to everyone within earshot (plain text without a slash does the same).',
  run(context, args) {
    if (!args) return errorTo(context.actor.id, 'Say what? Usage: /say <message>');
    return local(context, 'say', `You say, "${args}"`, `${context.actor.name} says, "${args}"`);
  },
};

export const emote: CommandDefinition = {
  name: 'emote',
  aliases: ['me', 'em'],
  usage: '/emote <action>',
  summary: 'Act something out for everyone nearby, e.g. /emote waves.',
  run(context, args) {
    if (!args) return errorTo(context.actor.id, 'Emote what? Usage: /emote <action>');
    const line = `${context.actor.name} ${args}`;
    return local(context, 'emote', line, line);
  },
};
