import { emoteLine, sayLine, shoutLine } from '../../chat/chat-lines.js';
import { withinEarshot } from '../../chat/hearing.js';
import { isPlayer } from '../../world/queries.js';
import { gameEvent, type Outgoing } from '../../world/types.js';
import { defineCommand, type CommandContext } from '../registry.js';
import { EmoteEvent, SayEvent, ShoutEvent } from '../events.js';

/** The line reaches every player within `range` of the speaker, the speaker included. */
function local(context: CommandContext, type: 'speech' | 'emote', channel: string, range: number, own: string, others: string): Outgoing[] {
  const { actor, world } = context;
  const ts = context.now();
  const from = { id: actor.id, name: actor.name };
  const players = [...world.entities.values()].filter(isPlayer).map((entity) => ({ entityId: entity.id, x: entity.x, y: entity.y }));
  return withinEarshot(players, actor.x, actor.y, range).map((listener) => ({
    to: listener.entityId,
    event: 'event',
    data: gameEvent(ts, type, listener.entityId === actor.id ? own : others, { channel, from }),
  }));
}

export const say = defineCommand({
  name: 'say',
  aliases: ['s'],
  summary: 'Speak to everyone within earshot (plain text without a slash does the same).',
  schema: SayEvent,
  syntax: '<message...>',
  speech: ({ text }) => text,
  build: ({ message }) => ({ type: 'speech', channel: 'say', text: message }),
  run(context, { text }) {
    const { actor, rules } = context;
    return { outgoing: local(context, 'speech', 'say', rules.sayRange, sayLine.own(text), sayLine.others(actor, text)) };
  },
});

export const shout = defineCommand({
  name: 'shout',
  aliases: ['yell', 'y'],
  summary: 'Shout to everyone far around, into the neighbouring zones too.',
  schema: ShoutEvent,
  syntax: '<message...>',
  speech: ({ text }) => text,
  build: ({ message }) => ({ type: 'speech', channel: 'shout', text: message }),
  run(context, { text }) {
    const { actor, rules, world } = context;
    const outgoing = local(context, 'speech', 'shout', rules.shoutRange, shoutLine.own(text), shoutLine.others(actor, text));
    if (world.zone.adjacent.length === 0) return { outgoing };
    return {
      outgoing,
      effects: [{ kind: 'chat.shout', from: { id: actor.id, name: actor.name }, x: actor.x, y: actor.y, text, toZoneIds: [...world.zone.adjacent] }],
    };
  },
});

export const emote = defineCommand({
  name: 'emote',
  aliases: ['me', 'em'],
  summary: 'Act something out for everyone nearby, e.g. /emote waves.',
  schema: EmoteEvent,
  syntax: '<action...>',
  speech: ({ text }) => text,
  build: ({ action }) => ({ type: 'emote', text: action }),
  run(context, { text }) {
    const line = emoteLine(context.actor, text);
    return { outgoing: local(context, 'emote', 'emote', context.rules.emoteRange, line, line) };
  },
});
