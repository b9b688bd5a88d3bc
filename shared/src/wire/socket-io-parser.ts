import { FRAME_EVENT, FRAME_MAGIC } from './frame-format.js';

/**
 * The Socket.IO packet parser clients use with this server (the `parser`
 * option of socket.io-client, in Node and in the browser alike). Text packets
 * are Socket.IO protocol 5 exactly; a binary message is a frame, delivered as
 * one `frame` event. Frames are sent as one WebSocket message each instead of
 * the two (placeholder text + attachment) that the default parser needs for
 * binary, so a player's tick costs one socket write. No dependencies: the
 * web client loads this file as it is.
 */

export const PacketType = { CONNECT: 0, DISCONNECT: 1, EVENT: 2, ACK: 3, CONNECT_ERROR: 4, BINARY_EVENT: 5, BINARY_ACK: 6 } as const;

export interface Packet {
  type: number;
  nsp: string;
  data?: unknown;
  id?: number;
}

const RESERVED_EVENTS = ['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener'];

function isBinary(value: unknown): boolean {
  return value instanceof ArrayBuffer || ArrayBuffer.isView(value);
}

function containsBinary(value: unknown, depth = 0): boolean {
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  if (isBinary(value)) return true;
  if (Array.isArray(value)) return value.some((item) => containsBinary(item, depth + 1));
  return Object.values(value as Record<string, unknown>).some((item) => containsBinary(item, depth + 1));
}

/** Replaces each byte string in `data` by a placeholder, collecting the bytes (Socket.IO's binary attachments). */
function deconstruct(data: unknown, attachments: unknown[]): unknown {
  if (isBinary(data)) {
    attachments.push(data);
    return { _placeholder: true, num: attachments.length - 1 };
  }
  if (Array.isArray(data)) return data.map((item) => deconstruct(item, attachments));
  if (data !== null && typeof data === 'object' && !(data instanceof Date)) {
    return Object.fromEntries(Object.entries(data as Record<string, unknown>).map(([key, value]) => [key, deconstruct(value, attachments)]));
  }
  return data;
}

export class Encoder {
  /** Socket.IO protocol 5, as the default parser writes it (binary payloads as attachments). */
  encode(packet: Packet): Array<string | unknown> {
    let { type, data } = packet;
    const attachments: unknown[] = [];
    if ((type === PacketType.EVENT || type === PacketType.ACK) && containsBinary(data)) {
      data = deconstruct(data, attachments);
      type = type === PacketType.EVENT ? PacketType.BINARY_EVENT : PacketType.BINARY_ACK;
    }
    let text = String(type);
    if (attachments.length > 0) text += `${attachments.length}-`;
    if (packet.nsp && packet.nsp !== '/') text += `${packet.nsp},`;
    if (packet.id !== undefined && packet.id !== null) text += String(packet.id);
    if (data !== undefined) text += JSON.stringify(data);
    return [text, ...attachments];
  }
}

type Listener = (...args: unknown[]) => void;

/** Just enough of an event emitter for socket.io-client's Manager (on, off, emit). */
class Emitter {
  private listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  off(event?: string, listener?: Listener): this {
    if (event === undefined) this.listeners.clear();
    else if (listener === undefined) this.listeners.delete(event);
    else
      this.listeners.set(
        event,
        (this.listeners.get(event) ?? []).filter((l) => l !== listener),
      );
    return this;
  }

  removeListener(event: string, listener: Listener): this {
    return this.off(event, listener);
  }

  removeAllListeners(event?: string): this {
    return this.off(event);
  }

  emit(event: string, ...args: unknown[]): this {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
    return this;
  }
}

export class Decoder extends Emitter {
  add(data: unknown): void {
    if (typeof data === 'string') {
      this.emit('decoded', decodeText(data));
      return;
    }
    if (!isBinary(data)) throw new Error(`unexpected packet data: ${typeof data}`);
    const bytes =
      data instanceof ArrayBuffer
        ? new Uint8Array(data)
        : new Uint8Array((data as ArrayBufferView).buffer, (data as ArrayBufferView).byteOffset, (data as ArrayBufferView).byteLength);
    if (bytes[0] !== FRAME_MAGIC) throw new Error('binary message that is not a frame');
    this.emit('decoded', { type: PacketType.EVENT, nsp: '/', data: [FRAME_EVENT, bytes] } satisfies Packet);
  }

  destroy(): void {
    this.removeAllListeners();
  }
}

function decodeText(text: string): Packet {
  const type = Number(text.charAt(0));
  if (!Number.isInteger(type) || type < PacketType.CONNECT || type > PacketType.CONNECT_ERROR) {
    // BINARY_EVENT and BINARY_ACK never come from this server: frames are whole binary messages.
    throw new Error(`unknown packet type ${text.charAt(0)}`);
  }
  let at = 1;
  let nsp = '/';
  if (text.charAt(at) === '/') {
    const end = text.indexOf(',', at);
    nsp = end === -1 ? text.slice(at) : text.slice(at, end);
    at = end === -1 ? text.length : end + 1;
  }
  let id: number | undefined;
  const idStart = at;
  while (at < text.length && text.charCodeAt(at) >= 48 && text.charCodeAt(at) <= 57) at++;
  if (at > idStart) id = Number(text.slice(idStart, at));
  const packet: Packet = { type, nsp };
  if (id !== undefined) packet.id = id;
  if (at < text.length) {
    let data: unknown;
    try {
      data = JSON.parse(text.slice(at));
    } catch (cause) {
      throw new Error('invalid packet payload', { cause });
    }
    if (!payloadFits(type, data)) throw new Error(`invalid payload for packet type ${type}`);
    packet.data = data;
  }
  return packet;
}

function payloadFits(type: number, data: unknown): boolean {
  switch (type) {
    case PacketType.CONNECT:
      return typeof data === 'object' && data !== null;
    case PacketType.DISCONNECT:
      return data === undefined;
    case PacketType.CONNECT_ERROR:
      return typeof data === 'string' || (typeof data === 'object' && data !== null);
    case PacketType.EVENT:
      return Array.isArray(data) && (typeof data[0] === 'number' || (typeof data[0] === 'string' && !RESERVED_EVENTS.includes(data[0])));
    case PacketType.ACK:
      return Array.isArray(data);
    default:
      return false;
  }
}

/** Pass as `parser` to socket.io-client's `io()`. */
export const clientParser = { protocol: 5, Encoder, Decoder, PacketType };
