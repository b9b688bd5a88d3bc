import { defineCommand } from '../registry.js';
import { PartyActionEvent } from '../events.js';

export const party = defineCommand({
  name: 'party',
  category: 'Party',
  aliases: ['p', 'group'],
  summary: 'Form a party: invite, accept, decline, leave, kick, disband; /party alone shows yours.',
  schema: PartyActionEvent,
  syntax: '[action] [name]',
  usage: ['/party invite <name>', '/party accept', '/party decline', '/party leave', '/party kick <name>', '/party disband', '/party'],
  // The schema decides which actions need a name; "/party Invite bob" is "/party invite bob".
  build: ({ action, name }) => ({ type: 'party_action', action: action?.toLowerCase() ?? 'show', name }),
  run({ actor }, action) {
    const characterId = actor.player?.characterId;
    if (!characterId) return { outgoing: [] };
    // Parties outlive any one zone, so the party service (over the bus) decides, not this tick.
    return { outgoing: [], effects: [{ kind: 'party.action', actor: { id: actor.id, characterId, name: actor.name }, action }] };
  },
});
