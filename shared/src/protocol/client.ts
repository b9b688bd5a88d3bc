import { z } from 'zod';
import { Heading } from './common.js';

/** Payloads a client sends. Every one is parsed before anything acts on it. */

export const HandshakeAuth = z.object({
  token: z.string().min(1).max(4096),
  /** From a previous `character_select` ack: re-enter the world with that character (after a gateway loss). */
  resume: z.string().max(200).optional(),
  /** The wire protocol the client speaks (PROTOCOL_VERSION in shared/src/wire); another version is refused at once. */
  protocol: z.number().int().nonnegative().optional(),
});
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;

export const CHARACTER_NAME_RULE = /^[A-Za-z0-9]{3,16}$/;
export const CharacterName = z.string().regex(CHARACTER_NAME_RULE, 'a name is 3 to 16 letters or digits (A-Z, a-z, 0-9)');

export const Archetype = z.enum(['warrior', 'ranger', 'mage']);
export type Archetype = z.infer<typeof Archetype>;

export const CharacterListRequest = z.union([z.undefined(), z.null(), z.object({}).strict()]);

export const CharacterCreateRequest = z.object({ name: CharacterName, archetype: Archetype.optional() }).strict();
export type CharacterCreateRequest = z.infer<typeof CharacterCreateRequest>;

export const CharacterSelectRequest = z.object({ characterId: z.string().min(1).max(64) }).strict();
export type CharacterSelectRequest = z.infer<typeof CharacterSelectRequest>;

export const COMMAND_MAX_LENGTH = 500;
export const CommandRequest = z.object({ text: z.string().trim().min(1, 'a command needs some text').max(COMMAND_MAX_LENGTH) }).strict();
export type CommandRequest = z.infer<typeof CommandRequest>;

/** Speeds are metres per second; the zone clamps them to the character's own limit. */
export const MoveRequest = z.union([
  z.object({ heading: Heading, speed: z.number().finite().min(0).max(100) }).strict(),
  z.object({ target: z.object({ x: z.number().finite(), y: z.number().finite() }).strict() }).strict(),
  z.object({ stop: z.literal(true) }).strict(),
]);
export type MoveRequest = z.infer<typeof MoveRequest>;

/** Fixed client → server event names (docs/design.md §3). */
export const ClientEvents = {
  character_list: CharacterListRequest,
  character_create: CharacterCreateRequest,
  character_select: CharacterSelectRequest,
  command: CommandRequest,
  move: MoveRequest,
} as const;
export type ClientEventName = keyof typeof ClientEvents;
