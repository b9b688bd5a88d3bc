import { defineCommand } from '../registry.js';
import { WhisperEvent } from '../events.js';

export const whisper = defineCommand({
  name: 'whisper',
  category: 'Chat',
  aliases: ['w', 'tell', 'msg'],
  summary: 'Say something to one player by name, wherever they are.',
  schema: WhisperEvent,
  syntax: '<name> <message...>',
  speech: ({ text }) => text,
  build: ({ name, message }) => ({ type: 'speech', channel: 'whisper', to: name, text: message }),
  run({ actor }, { to, text }) {
    if (to.toLowerCase() === actor.name.toLowerCase()) {
      return { outgoing: [{ to: actor.id, event: 'error', data: { code: 'invalid_command', message: 'You mutter to yourself. Whisper to someone else.' } }] };
    }
    const characterId = actor.player?.characterId;
    if (!characterId) return { outgoing: [] };
    // Who the name belongs to and where they are is for the zone host to find out (database, registry).
    return { outgoing: [], effects: [{ kind: 'chat.whisper', from: { id: actor.id, characterId, name: actor.name }, toName: to, text }] };
  },
});
