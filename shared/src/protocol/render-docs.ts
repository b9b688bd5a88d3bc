import { z } from 'zod';
import { ClientEvents } from './client.js';
import { HandshakeAuth } from './client.js';
import { ServerEvents } from './server.js';
import { ErrorCode } from './common.js';

const CLIENT_NOTES: Record<string, string> = {
  character_list: 'No payload. Acknowledged with `CharacterListAck`.',
  character_create: 'Acknowledged with `CharacterCreateAck`. Names are unique regardless of letter case.',
  character_select: 'Acknowledged with `CharacterSelectAck`; then `world_enter` and a full `proximity_roster` follow.',
  command: 'Slash commands (`/say`, `/look`, `/help`, …); text without a slash is `/say`.',
  move: 'One of three shapes: walk on a compass heading at a speed (m/s, capped by the server), walk to a target point, or stop.',
};

const SERVER_NOTES: Record<string, string> = {
  world_enter: 'Your character and the zone you are in.',
  proximity_roster: 'Everything within perception range, sent in full on entering a zone (or after a resync).',
  proximity_roster_delta: 'Changes since the last roster: arrivals, departures, and entries that moved or turned.',
  state_update: 'Your own character (position, resources, level and XP), your combat state (ATB gauge, auto-attack timer, target, casting, effects) and your party members (allies) as they change.',
  event: 'Speech, emotes, narrative and system lines; `text` is always a complete sentence for text clients.',
  error: 'A request was refused; the connection stays open.',
};

function schemaBlock(schema: z.ZodType): string {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  delete (json as Record<string, unknown>)['$schema'];
  return ['```json', JSON.stringify(json, null, 2), '```'].join('\n');
}

/** docs/protocol.md, rendered from the zod schemas the servers validate with. */
export function renderProtocolDocs(): string {
  const out: string[] = [
    '# Client protocol',
    '',
    '<!-- Generated from shared/src/protocol by `npm run docs:protocol`; a test fails when it is stale. -->',
    '',
    'Socket.IO, default path. Every payload is checked against the JSON Schemas below (zod on the server).',
    'A payload that does not match gets an `error` event `{code, message}` and is dropped; the connection stays up.',
    'Coordinates are metres (x east, y north, z up); headings and bearings are compass degrees (0 = north, clockwise).',
    '',
    '## Handshake',
    '',
    'Pass `auth` when connecting. With `AUTH_MODE=dev` the token is `dev:<name>`.',
    '',
    schemaBlock(HandshakeAuth),
    '',
    '## Client → server',
    '',
  ];
  for (const [name, schema] of Object.entries(ClientEvents)) {
    out.push(`### \`${name}\``, '', CLIENT_NOTES[name] ?? '', '', schemaBlock(schema), '');
  }
  out.push('## Server → client', '');
  for (const [name, schema] of Object.entries(ServerEvents)) {
    out.push(`### \`${name}\``, '', SERVER_NOTES[name] ?? '', '', schemaBlock(schema), '');
  }
  out.push('## Error codes', '', ...ErrorCode.options.map((code) => `- \`${code}\``), '');
  return out.join('\n');
}
