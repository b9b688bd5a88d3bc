import { BusMessages, ENVELOPE_VERSION, Envelope, type BusMessageType, type BusPayload } from '../protocol/internal.js';
import type { BusEnvelope } from './message-bus.js';

export class InvalidMessageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidMessageError';
  }
}

/**
 * Encodes and decodes envelopes for every bus implementation: JSON text in
 * both directions and schema checks on both sides, so a message that would
 * not survive Redis fails the same way in-process.
 */
export class EnvelopeCodec {
  private readonly seqs = new Map<string, number>();

  constructor(private readonly source: string) {}

  encode<T extends BusMessageType>(channel: string, type: T, payload: BusPayload<T>, now = Date.now()): string {
    // hasOwn, not a plain lookup: "toString" or "constructor" would find Object.prototype's members.
    if (!Object.hasOwn(BusMessages, type)) throw new InvalidMessageError(`unknown bus message type "${String(type)}"`);
    const checked = BusMessages[type].safeParse(payload);
    if (!checked.success) {
      throw new InvalidMessageError(`refusing to publish an invalid "${type}" on ${channel}: ${checked.error.message}`, {
        cause: checked.error,
      });
    }
    const seq = this.seqs.get(channel) ?? 0;
    const envelope: Envelope = { v: ENVELOPE_VERSION, type, source: this.source, seq, ts: now, payload: checked.data };
    let text: string;
    try {
      text = JSON.stringify(envelope);
    } catch (cause) {
      // z.unknown() slots let BigInt or cyclic values past the schema; JSON cannot carry them.
      throw new InvalidMessageError(`refusing to publish a "${type}" on ${channel} that is not JSON-serialisable`, { cause });
    }
    // Only a message that could be sent uses up a sequence number, so refusals leave no false gaps.
    this.seqs.set(channel, seq + 1);
    return text;
  }

  static decode(text: string): BusEnvelope {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (cause) {
      throw new InvalidMessageError('bus message is not JSON', { cause });
    }
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
