import { Channels, type MessageBus } from '@aether/shared';
import type { CharacterLookup } from '../../chat/character-lookup.js';
import { whisperEcho, whisperToListener } from '../../chat/chat-lines.js';
import { hearSpeech } from '../../chat/across-border.js';
import { hearShout } from '../../chat/shout.js';
import type { PlayerMessenger } from '../../chat/player-messenger.js';
import type { Rules } from '../../rules/rules.js';
import type { EffectHandlers } from './effect-router.js';
import type { BroadcastHandlers } from '../zone-host.js';

export interface ChatEffectDeps {
  bus: MessageBus;
  messenger: PlayerMessenger;
  characters: CharacterLookup;
}

/** Shouts, and says and emotes near a border, leave for the neighbouring zones; whispers find their listener by name, on any server. */
export function chatEffectHandlers({ bus, messenger, characters }: ChatEffectDeps): EffectHandlers {
  return {
    'chat.shout': async (effect, origin) => {
      const payload = { fromZoneId: origin.zoneId, from: effect.from, x: effect.x, y: effect.y, text: effect.text };
      await Promise.all(effect.toZoneIds.map((zoneId) => bus.publish(Channels.zoneBroadcast(zoneId), 'zone.shout', payload)));
    },
    'chat.speech': async (effect, origin) => {
      const payload = { fromZoneId: origin.zoneId, channel: effect.channel, from: effect.from, x: effect.x, y: effect.y, text: effect.text };
      await Promise.all(effect.toZoneIds.map((zoneId) => bus.publish(Channels.zoneBroadcast(zoneId), 'zone.speech', payload)));
    },
    'chat.whisper': async (effect) => {
      const sender = effect.from.characterId;
      const refuse = (message: string) => messenger.deliver([{ characterId: sender, event: 'error', data: { code: 'not_found', message } }]);
      const listener = await characters.findByName(effect.toName);
      if (!listener) return void (await refuse(`No one is called ${effect.toName}.`));
      const from = { id: effect.from.id, name: effect.from.name };
      const offline = await messenger.deliver([{ characterId: listener.id, event: 'event', data: whisperToListener(from, effect.text, Date.now()) }]);
      if (offline.length > 0) return void (await refuse(`${listener.name} is not online.`));
      await messenger.deliver([{ characterId: sender, event: 'event', data: whisperEcho(from, listener.name, effect.text, Date.now()) }]);
    },
  };
}

/** A neighbour's shout, say or emote reaches the players here within that channel's range of the speaker. */
export function chatBroadcastHandlers(rules: Pick<Rules, 'shoutRange' | 'sayRange' | 'emoteRange'>): BroadcastHandlers {
  return {
    'zone.shout': (shout, zone) => (shout.fromZoneId === zone.zone.id ? [] : hearShout(shout, zone.players, rules.shoutRange, Date.now())),
    'zone.speech': (speech, zone) => {
      if (speech.fromZoneId === zone.zone.id) return [];
      return hearSpeech(speech, zone.players, speech.channel === 'say' ? rules.sayRange : rules.emoteRange, Date.now());
    },
  };
}
