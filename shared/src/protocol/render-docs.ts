import { z } from 'zod';
import { ClientEvents } from './client.js';
import { HandshakeAuth } from './client.js';
import { ServerEvents } from './server.js';
import { ErrorCode } from './common.js';
import {
  FLAG_FULL,
  FRAME_EVENT,
  FRAME_MAGIC,
  HEADER_BYTES,
  HEADING_SCALE,
  MOVED_RECORD_BYTES,
  POSITION_SCALE,
  PROTOCOL_VERSION,
  SPEED_SCALE,
  WIRE_KINDS,
} from '../wire/frame-format.js';

const CLIENT_NOTES: Record<string, string> = {
  character_list: 'No payload. Acknowledged with `CharacterListAck`.',
  character_create: 'Acknowledged with `CharacterCreateAck`. Names are unique regardless of letter case.',
  character_select:
    'Acknowledged with `CharacterSelectAck`; then `world_enter` and a full `proximity_roster` follow. ' +
    "When no server simulates the character's zone now (its server died and no standby has taken over yet, or none runs), the select is refused at once with `zone_unavailable` " +
    '(the ack and an `error` event) and the character stays out of the world; the gateway watches the zone and sends `zone_available` when it runs again, and the client selects again then.',
  command: 'Slash commands (`/say`, `/look`, `/help`, …); text without a slash is `/say`.',
  move: 'One of three shapes: walk on a compass heading at a speed (m/s, capped by the server), walk to a target point, or stop.',
};

const SERVER_NOTES: Record<string, string> = {
  world_enter: 'Your character and the zone you are in.',
  proximity_roster:
    'Not sent as an event since protocol 2: a frame with the full flag carries it (see Frames). The shape is what the shared client view (`ClientView`) reports.',
  proximity_roster_delta: 'Not sent as an event since protocol 2: frames carry it (see Frames). The shape is what `ClientView` reports for a frame.',
  state_update:
    'Your resources, level and XP, your combat state (ATB gauge, auto-attack timer, target, casting, effects, cooldowns), your party members (allies), your belongings (coins, bags, equipment) and your loot window as they change, inside frames; your own position and motion come as records in frames.',
  event: 'Speech, emotes, narrative and system lines; `text` is always a complete sentence for text clients.',
  error:
    'A request was refused; the connection stays open, except after `already_in_world` (the character was selected from a newer connection: newest wins), `kicked`, `banned` and `connection_too_slow`, which close it. ' +
    'A request sent with an ack also gets `{ ok: false, error }` there; the `error` events for `rate_limited` and `unknown_event` go out at most once a second (floods are not answered message for message).',
  resume_token:
    'After a session was resumed with `auth.resume`: that token is spent (tokens are single-use, one per account, and revoked on logout); this one is for the next time.',
  zone_available:
    'The zone a `character_select` (or a resume) was refused for with `zone_unavailable` is simulated again: select the character again to enter. ' +
    'Sent once per refusal, while the connection stays open and no other character was selected since.',
};

function schemaBlock(schema: z.ZodType): string {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  delete (json as Record<string, unknown>).$schema;
  return ['```json', JSON.stringify(json, null, 2), '```'].join('\n');
}

/** docs/protocol.md, rendered from the zod schemas the servers validate with. */
export function renderProtocolDocs(): string {
  const out: string[] = [
    '# Client protocol',
    '',
    '<!-- Generated from shared/src/protocol by `npm run docs:protocol`; a test fails when it is stale. -->',
    '',
    `Socket.IO, default path, protocol version ${PROTOCOL_VERSION}. Every payload is checked against the JSON Schemas below (zod on the server).`,
    'A payload that does not match gets an `error` event `{code, message}` and is dropped; the connection stays up.',
    'Coordinates are metres (x east, y north, z up); headings and bearings are compass degrees (0 = north, clockwise).',
    '',
    '## Handshake',
    '',
    'Pass `auth` when connecting. The token depends on the server\'s `AUTH_MODE`, which `GET /api/info` tells as `auth.mode` (docs/operations.md, "Authentication"):',
    "`dev:<name>` in dev mode; an access token from `POST /api/auth/login` or `/api/auth/refresh` in password mode; the identity provider's token in jwt mode.",
    'A refused login is a `connect_error` whose `data.code` is `unauthorized` (missing, invalid or expired token) or `banned` (the message says until when).',
    `\`protocol\` must be ${PROTOCOL_VERSION}: any other value (or none, as clients of protocol 1 send) is refused with a \`connect_error\` whose message says so and whose \`data.code\` is \`outdated_client\`.`,
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
  out.push(...renderFrameDocs());
  out.push('## Error codes', '', ...ErrorCode.options.map((code) => `- \`${code}\``), '');
  return out.join('\n');
}

function renderFrameDocs(): string[] {
  return [
    '## Frames',
    '',
    `Everything the world says to a player in one tick arrives as **one binary WebSocket message**, the frame, delivered as the \`${FRAME_EVENT}\` event.`,
    "Only frames are binary; Socket.IO's default parser would split a binary event into two messages, so clients use the project's parser",
    '(`shared/src/wire/socket-io-parser.ts`, served to browsers as `/wire/socket-io-parser.js`; pass it as the `parser` option of `io()`):',
    'text packets are Socket.IO protocol 5 unchanged, and a binary message is a frame.',
    '`shared/src/wire/` also holds a reader (`decodeFrame`) and a client model (`ClientView`) that replays frames as the events above.',
    '',
    'A frame is sent only when something changed for that player. Entities are named by a **handle** (u16) that is valid within the zone until a frame',
    "removes it; `added` gives a handle its id, kind and name. A **motion** record says where an entity was at the frame's tick and how it was",
    'moving then: clients carry it forward (`position + speed × (now − tick) × interval` along `heading`) until a newer record arrives. The zone',
    'sends a new record only when that guess would be wrong by more than `motionTolerance` (0.1 m by default: `zone/src/rules/rules.ts`) or the',
    'heading or speed changed, so a walker costs nothing between turns; one that turns is resent to everyone who sees it in the same tick.',
    'Who is within perception range is worked out for each player every `viewRangeEveryTicks` ticks (4 by default), players taking turns: an',
    "entity walking across the edge of a player's range is added or removed up to that many ticks late, while one entering or leaving the zone",
    '(a login, a spawn, a border crossing) is added or removed at once.',
    '',
    'All integers little-endian:',
    '',
    '| part | bytes | content |',
    '| --- | --- | --- |',
    `| header | ${HEADER_BYTES} | u8 \`0x${FRAME_MAGIC.toString(16)}\` (a frame), u8 protocol version (${PROTOCOL_VERSION}), u8 flags (bit 0 = ${FLAG_FULL}: full — forget every handle first), u32 tick, u16 milliseconds per tick |`,
    '| removed | 2 + 2·n | u16 n, then n × u16 handle that left view |',
    `| added | 2 + Σ | u16 n, then n × (u16 handle, u8 kind (${WIRE_KINDS.map((kind, i) => `${i} = ${kind}`).join(', ')}), motion, u8 id length, id (UTF-8), u8 name length, name (UTF-8)) |`,
    `| moved | 2 + ${MOVED_RECORD_BYTES}·n | u16 n, then n × (u16 handle, motion) |`,
    "| messages | 4 + m | u32 m, then m bytes of UTF-8 JSON `[[event, data], …]`: the tick's `world_enter`, `state_update`, `event` and `error` messages for this player, in order (m = 0: none) |",
    '',
    `**motion** (${MOVED_RECORD_BYTES - 2} bytes): i32 x, i32 y, i32 z in 1/${POSITION_SCALE} m; u16 heading in 1/${HEADING_SCALE} degree (compass, 0 = north, clockwise); u16 speed in 1/${SPEED_SCALE} m/s (0 = standing).`,
    '',
    'Apply a frame in this order: a `world_enter` among its messages first (a new zone: forget the old one), then the full flag, removed, added, moved,',
    "then the remaining messages. The viewer's own entity is in its own view like any other (its id is `world_enter.character.entityId`).",
    'A frame that cannot be read (wrong magic or version, truncated, trailing bytes) is a protocol error.',
    '',
  ];
}
