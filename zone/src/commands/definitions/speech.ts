import { zonesInEarshot } from '../../chat/across-border.js';
import { emoteLine, sayLine, shoutLine } from '../../chat/chat-lines.js';
import { withinEarshot } from '../../chat/hearing.js';
import { isPlayer } from '../../world/queries.js';
import { gameEvent, type Outgoing } from '../../world/types.js';
import { defineCommand, type CommandContext, type CommandResult } from '../registry.js';
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

/**
 * A /say or /emote heard here and, when the speaker stands within `range` of a
 * border, in the zones beyond it too (within the same range of the speaker),
 * so a border changes nothing about who hears.
 */
function nearby(context: CommandContext, channel: 'say' | 'emote', range: number, own: string, others: string, text: string): CommandResult {
  const { actor, world } = context;
  const outgoing = local(context, channel === 'say' ? 'speech' : 'emote', channel, range, own, others);
  const toZoneIds = zonesInEarshot(world.zone, actor.x, actor.y, range);
  if (toZoneIds.length === 0) return { outgoing };
  return { outgoing, effects: [{ kind: 'chat.speech', channel, from: { id: actor.id, name: actor.name }, x: actor.x, y: actor.y, text, toZoneIds }] };
}

export const say = defineCommand({
  name: 'say',
  category: 'Chat',
  aliases: ['s'],
  summary: 'Speak to everyone within earshot, across a zone border too (plain text without a slash does the same).',
  schema: SayEvent,
  syntax: '<message...>',
  speech: ({ text }) => text,
  build: ({ message }) => ({ type: 'speech', channel: 'say', text: message }),
  run(context, { text }) {
    const { actor, rules } = context;
    return nearby(context, 'say', rules.sayRange, sayLine.own(text), sayLine.others(actor, text), text);
  },
});

export const shout = defineCommand({
  name: 'shout',
  category: 'Chat',
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
  category: 'Chat',
  aliases: ['me', 'em'],
  summary: 'Act something out for everyone nearby, e.g. /emote waves.',
  schema: EmoteEvent,
  syntax: '<action...>',
  speech: ({ text }) => text,
  build: ({ action }) => ({ type: 'emote', text: action }),
  run(context, { text }) {
    const line = emoteLine(context.actor, text);
    return nearby(context, 'emote', context.rules.emoteRange, line, line, text);
  },
});
