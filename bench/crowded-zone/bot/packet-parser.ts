/**
 * The bots' Socket.IO packet parser (the `parser` option of socket.io-client):
 * Socket.IO protocol 5 as the default parser speaks it, plus two things a
 * load generator needs.
 *
 * - Counting, and optionally skipping: every event is counted on the way in,
 *   and a bot that does not decode drops events here, before any JSON.parse.
 * - Bare binary messages: Aether's protocol 2 sends its per-tick frame as one
 *   binary WebSocket message with no Socket.IO header (see the server's
 *   gateway/src/socket/frame-parser.ts). The default parser would close the
 *   connection on it; here it becomes a `frame` event carrying the bytes, for
 *   a view adapter to decode.
 */

/** The event a bare binary message is delivered as. */
export const BARE_BINARY_EVENT = 'frame';

export interface PacketCounter {
  /** Called once per event (text, binary with attachments, or bare binary). */
  countEvent(): void;
  /** False: drop events after counting them. */
  readonly decoding: boolean;
}

export interface Packet {
  type: number;
  nsp: string;
  data?: unknown;
  id?: number;
  attachments?: number;
}

const CONNECT = 0;
const DISCONNECT = 1;
const EVENT = 2;
const ACK = 3;
const CONNECT_ERROR = 4;
const BINARY_EVENT = 5;
const BINARY_ACK = 6;

type Listener = (...args: unknown[]) => void;

/** The part of an event emitter socket.io-client's Manager uses on a decoder. */
class Emitter {
  private readonly listeners = new Map<string, Listener[]>();

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
        (this.listeners.get(event) ?? []).filter((candidate) => candidate !== listener),
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
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
    return this;
  }
}

/** Bots send small JSON only (requests, moves). */
class TextEncoder_ {
  encode(packet: Packet): string[] {
    let text = String(packet.type);
    if (packet.nsp && packet.nsp !== '/') text += `${packet.nsp},`;
    if (packet.id !== undefined && packet.id !== null) text += String(packet.id);
    if (packet.data !== undefined) text += JSON.stringify(packet.data);
    return [text];
  }
}

/** A parser module for one connection, reporting to `counter`. */
export function countingParser(counter: PacketCounter): {
  protocol: number;
  Encoder: typeof TextEncoder_;
  Decoder: new () => Emitter & { add(data: unknown): void; destroy(): void };
} {
  class CountingDecoder extends Emitter {
    /** A binary packet waiting for its attachments. */
    private reconstructing: { packet: Packet; buffers: Uint8Array[] } | undefined;
    private attachmentsToDrop = 0;

    add(data: unknown): void {
      if (typeof data === 'string') {
        this.addText(data);
        return;
      }
      const bytes = asBytes(data);
      if (this.attachmentsToDrop > 0) {
        this.attachmentsToDrop -= 1;
        return;
      }
      if (this.reconstructing) {
        this.reconstructing.buffers.push(bytes);
        if (this.reconstructing.buffers.length === this.reconstructing.packet.attachments) this.finishReconstruction();
        return;
      }
      counter.countEvent();
      if (counter.decoding) this.emit('decoded', { type: EVENT, nsp: '/', data: [BARE_BINARY_EVENT, bytes] } satisfies Packet);
    }

    destroy(): void {
      this.reconstructing = undefined;
      this.removeAllListeners();
    }

    private addText(text: string): void {
      if (this.reconstructing) throw new Error('got a text packet while waiting for binary attachments');
      const type = text.charCodeAt(0) - 48;
      if (type === EVENT || type === BINARY_EVENT) {
        counter.countEvent();
        if (!counter.decoding) {
          if (type === BINARY_EVENT) this.attachmentsToDrop = attachmentCount(text);
          return;
        }
      }
      const packet = decodeText(text);
      if (packet.type === BINARY_EVENT || packet.type === BINARY_ACK) {
        this.reconstructing = { packet, buffers: [] };
        if (packet.attachments === 0) this.finishReconstruction();
        return;
      }
      this.emit('decoded', packet);
    }

    private finishReconstruction(): void {
      const { packet, buffers } = this.reconstructing!;
      this.reconstructing = undefined;
      packet.data = withAttachments(packet.data, buffers);
      delete packet.attachments;
      this.emit('decoded', packet);
    }
  }
  return { protocol: 5, Encoder: TextEncoder_, Decoder: CountingDecoder };
}

function decodeText(text: string): Packet {
  const type = text.charCodeAt(0) - 48;
  if (!(type >= CONNECT && type <= BINARY_ACK)) throw new Error(`unknown packet type ${JSON.stringify(text.charAt(0))}`);
  const packet: Packet = { type, nsp: '/' };
  let at = 1;
  if (type === BINARY_EVENT || type === BINARY_ACK) {
    const dash = text.indexOf('-', at);
    const count = Number(text.slice(at, dash));
    if (dash === -1 || !Number.isInteger(count) || count < 0) throw new Error('binary packet without an attachment count');
    packet.attachments = count;
    at = dash + 1;
  }
  if (text.charAt(at) === '/') {
    const comma = text.indexOf(',', at);
    packet.nsp = comma === -1 ? text.slice(at) : text.slice(at, comma);
    at = comma === -1 ? text.length : comma + 1;
  }
  const idStart = at;
  while (at < text.length && text.charCodeAt(at) >= 48 && text.charCodeAt(at) <= 57) at += 1;
  if (at > idStart) packet.id = Number(text.slice(idStart, at));
  if (at < text.length) {
    try {
      packet.data = JSON.parse(text.slice(at));
    } catch (error) {
      throw new Error('invalid packet payload', { cause: error });
    }
  }
  if ((type === EVENT || type === BINARY_EVENT || type === ACK || type === BINARY_ACK) && !Array.isArray(packet.data)) {
    throw new Error(`packet type ${type} without an array payload`);
  }
  if (type === DISCONNECT && packet.data !== undefined) throw new Error('disconnect packet with a payload');
  if (type === CONNECT_ERROR && packet.data === undefined) throw new Error('connect_error packet without a payload');
  return packet;
}

/** `51-[...]`: a binary event followed by 1 attachment. */
function attachmentCount(text: string): number {
  const dash = text.indexOf('-');
  const count = Number(text.slice(1, dash));
  return dash > 1 && Number.isInteger(count) ? count : 0;
}

function withAttachments(value: unknown, buffers: Uint8Array[]): unknown {
  if (Array.isArray(value)) return value.map((item) => withAttachments(item, buffers));
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record._placeholder === true && typeof record.num === 'number') {
      const buffer = buffers[record.num];
      if (!buffer) throw new Error(`attachment ${record.num} missing`);
      return buffer;
    }
    return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, withAttachments(item, buffers)]));
  }
  return value;
}

function asBytes(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new Error(`unexpected packet data: ${typeof data}`);
}
