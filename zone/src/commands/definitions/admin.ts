import type { AdminEffect } from '../admin-effect.js';
import { AdminEvent, type AdminAction } from '../events.js';
import { defineCommand, type CommandContext, type CommandDefinition, type CommandResult } from '../registry.js';

/** Hands the action to the host; the executor has already refused anyone without the admin role. */
function act({ actor, world }: CommandContext, action: AdminAction): CommandResult {
  const player = actor.player;
  if (!player) return { outgoing: [] };
  const effect: AdminEffect = {
    kind: 'admin',
    actor: { entityId: actor.id, characterId: player.characterId, ...(player.accountId ? { accountId: player.accountId } : {}), name: actor.name },
    action,
    // /spawn makes its creature where the admin stands.
    ...(action.action === 'spawn' ? { at: { zoneId: world.zone.id, x: actor.x, y: actor.y } } : {}),
  };
  return { outgoing: [], effects: [effect] };
}

const kick = defineCommand({
  name: 'kick',
  admin: true,
  summary: 'Admin: disconnect a player, wherever they are; they may come back.',
  schema: AdminEvent,
  syntax: '<name> [reason...]',
  build: ({ name, reason }) => ({ type: 'admin', action: 'kick', name, reason }),
  run: act,
});

const mute = defineCommand({
  name: 'mute',
  admin: true,
  summary: 'Admin: stop an account chatting for some minutes (say, shout, emote, whisper).',
  schema: AdminEvent,
  syntax: '<name> <minutes> [reason...]',
  build: ({ name, minutes, reason }) => ({ type: 'admin', action: 'mute', name, minutes, reason }),
  run: act,
});

const unmute = defineCommand({
  name: 'unmute',
  admin: true,
  summary: 'Admin: let a muted account chat again.',
  schema: AdminEvent,
  syntax: '<name>',
  build: ({ name }) => ({ type: 'admin', action: 'unmute', name }),
  run: act,
});

const ban = defineCommand({
  name: 'ban',
  admin: true,
  summary: 'Admin: disconnect an account’s players and refuse its logins for a while (30m, 2h, 3d, 1w) or for good (perm).',
  schema: AdminEvent,
  syntax: '<name> <duration> [reason...]',
  build: ({ name, duration, reason }) => ({ type: 'admin', action: 'ban', name, durationMs: duration, reason }),
  run: act,
});

const unban = defineCommand({
  name: 'unban',
  admin: true,
  summary: 'Admin: lift an account’s ban.',
  schema: AdminEvent,
  syntax: '<name>',
  build: ({ name }) => ({ type: 'admin', action: 'unban', name }),
  run: act,
});

const announce = defineCommand({
  name: 'announce',
  admin: true,
  summary: 'Admin: tell every player in every zone on every server.',
  schema: AdminEvent,
  syntax: '<message...>',
  build: ({ message }) => ({ type: 'admin', action: 'announce', text: message }),
  run: act,
});

const teleport = defineCommand({
  name: 'teleport',
  aliases: ['tp'],
  admin: true,
  summary: 'Admin: move a player (or yourself: me) to a zone, at a point or its spawn point.',
  schema: AdminEvent,
  syntax: '<who> <zone> [x] [y]',
  build: ({ who, zone, x, y }) => ({
    type: 'admin',
    action: 'teleport',
    who: who?.toLowerCase() === 'me' ? { kind: 'me' } : { kind: 'name', name: who },
    zone,
    x,
    y,
  }),
  run: act,
});

const spawn = defineCommand({
  name: 'spawn',
  admin: true,
  summary: 'Admin: make a creature of a species (id or name) at your position, at a level (default 1).',
  schema: AdminEvent,
  syntax: '<species+> [level#]',
  build: ({ species, level }) => ({ type: 'admin', action: 'spawn', species, level }),
  run: act,
});

/** The admin commands, in /help order (listed to admins only). */
export function adminCommands(): CommandDefinition[] {
  return [kick, mute, unmute, ban, unban, announce, teleport, spawn];
}
