import { BusMessages, ENVELOPE_VERSION, Envelope, type BusMessageType, type BusPayload } from '../protocol/internal.js';
import type { BusEnvelope } from './message-bus.js';

export class InvalidMessageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidMessageError';
  }
}

/** What crosses a process boundary: JSON text, or the binary form when a payload holds bytes. */
export type WireMessage = string | Uint8Array;

/**
 * First byte of the binary form: `u8 BINARY_MARK, u32 json length, JSON,
 * blobs…`, where each byte string in the payload is written as
 * `{"$b":[offset,length]}` into the blob section. Text envelopes start with
 * "{", so the first byte tells the two apart. Players' frames travel this way:
 * a gateway hands them to sockets as they are, without decoding them.
 */
const BINARY_MARK = 0x01;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Encodes and decodes envelopes for every bus that crosses a process
 * boundary: schema checks on both sides, so a message that would not survive
 * Redis fails the same way in a test on the in-process bus.
 */
export class EnvelopeCodec {
  private readonly seqs = new Map<string, number>();

  constructor(private readonly source: string) {}

  /** The envelope, checked, numbered and ready to deliver in-process (no copy). */
  envelope<T extends BusMessageType>(channel: string, type: T, payload: BusPayload<T>, now = Date.now(), validate = true): Envelope {
    // hasOwn, not a plain lookup: "toString" or "constructor" would find Object.prototype's members.
    if (!Object.hasOwn(BusMessages, type)) throw new InvalidMessageError(`unknown bus message type "${String(type)}"`);
    let data: unknown = payload;
    if (validate) {
      const checked = BusMessages[type].safeParse(payload);
      if (!checked.success) {
        throw new InvalidMessageError(`refusing to publish an invalid "${type}" on ${channel}: ${checked.error.message}`, {
          cause: checked.error,
        });
      }
      data = checked.data;
    }
    const seq = this.seqs.get(channel) ?? 0;
    return { v: ENVELOPE_VERSION, type, source: this.source, seq, ts: now, payload: data };
  }

  /** Takes the sequence number `envelope` used; only a message that could be sent does, so refusals leave no false gaps. */
  commit(channel: string, envelope: Envelope): void {
    this.seqs.set(channel, envelope.seq + 1);
  }

  encode<T extends BusMessageType>(channel: string, type: T, payload: BusPayload<T>, now = Date.now()): WireMessage {
    const envelope = this.envelope(channel, type, payload, now);
    const blobs: Uint8Array[] = [];
    let blobBytes = 0;
    let text: string;
    try {
      text = JSON.stringify(envelope, function (this: Record<string, unknown>, key, value) {
        // The holder's own value: JSON.stringify has already applied Buffer#toJSON to `value`.
        const original = this[key];
        if (!(original instanceof Uint8Array)) return value;
        blobs.push(original);
        blobBytes += original.byteLength;
        return { $b: [blobBytes - original.byteLength, original.byteLength] };
      });
    } catch (cause) {
      // z.unknown() slots let BigInt or cyclic values past the schema; JSON cannot carry them.
      throw new InvalidMessageError(`refusing to publish a "${type}" on ${channel} that is not JSON-serialisable`, { cause });
    }
    this.commit(channel, envelope);
    if (blobs.length === 0) return text;
    const json = new TextEncoder().encode(text);
    const out = new Uint8Array(5 + json.byteLength + blobBytes);
    out[0] = BINARY_MARK;
    new DataView(out.buffer).setUint32(1, json.byteLength, true);
    out.set(json, 5);
    let at = 5 + json.byteLength;
    for (const blob of blobs) {
      out.set(blob, at);
      at += blob.byteLength;
    }
    return out;
  }

  static decode(message: WireMessage): BusEnvelope {
    let raw: unknown;
    try {
      raw = typeof message === 'string' ? JSON.parse(message) : parseBinary(message);
    } catch (cause) {
      if (cause instanceof InvalidMessageError) throw cause;
      throw new InvalidMessageError('bus message is not JSON', { cause });
    }
    return EnvelopeCodec.check(raw);
  }

  /** Schema checks of an envelope that arrived from elsewhere. */
  static check(raw: unknown): BusEnvelope {
    const envelope = Envelope.safeParse(raw);
    if (!envelope.success) throw new InvalidMessageError(`bad envelope: ${envelope.error.message}`, { cause: envelope.error });
    const type = envelope.data.type;
    if (!Object.hasOwn(BusMessages, type)) throw new InvalidMessageError(`unknown bus message type "${type}"`);
    const payload = BusMessages[type as BusMessageType].safeParse(envelope.data.payload);
    if (!payload.success) {
      throw new InvalidMessageError(`invalid "${type}" payload: ${payload.error.message}`, { cause: payload.error });
    }
    return { ...envelope.data, type, payload: payload.data } as BusEnvelope;
  }
}

function parseBinary(bytes: Uint8Array): unknown {
  if (bytes.byteLength === 0 || bytes[0] !== BINARY_MARK) {
    // Redis hands every message over as bytes; text envelopes are UTF-8 JSON.
    return JSON.parse(utf8.decode(bytes));
  }
  if (bytes.byteLength < 5) throw new InvalidMessageError('binary bus message is too short');
  const jsonLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(1, true);
  const blobStart = 5 + jsonLength;
  if (blobStart > bytes.byteLength) throw new InvalidMessageError('binary bus message ends inside its JSON');
  const blobs = bytes.subarray(blobStart);
  return JSON.parse(utf8.decode(bytes.subarray(5, blobStart)), (_key, value: unknown) => {
    if (typeof value !== 'object' || value === null || !('$b' in value)) return value;
    const ref = (value as { $b: unknown }).$b;
    if (!Array.isArray(ref) || ref.length !== 2 || !ref.every((n) => Number.isSafeInteger(n) && n >= 0) || ref[0] + ref[1] > blobs.byteLength) {
      throw new InvalidMessageError('binary bus message refers to bytes it does not hold');
    }
    return blobs.subarray(ref[0], ref[0] + ref[1]);
  });
}
