import { describe, expect, it } from '@jest/globals';
import { EnvelopeCodec, InvalidMessageError } from './codec.js';

describe('EnvelopeCodec binary form', () => {
  it('is text for payloads without bytes and binary with them, both decoding to the same envelope', () => {
    const codec = new EnvelopeCodec('zone-1');
    const text = codec.encode('gateway:g:output', 'client.batch', { messages: [] }, 5);
    expect(typeof text).toBe('string');
    const frames = [{ characterId: 'c', frame: new Uint8Array([9, 8, 7]) }];
    const binary = codec.encode('gateway:g:output', 'client.batch', { messages: [], frames }, 6);
    expect(binary).toBeInstanceOf(Uint8Array);
    const decoded = EnvelopeCodec.decode(binary);
    expect(decoded).toMatchObject({ type: 'client.batch', source: 'zone-1', seq: 1, ts: 6 });
    expect(Array.from((decoded.payload as { frames: Array<{ frame: Uint8Array }> }).frames[0]!.frame)).toEqual([9, 8, 7]);
    // Redis hands text envelopes over as bytes too.
    expect(EnvelopeCodec.decode(Buffer.from(text as string))).toMatchObject({ seq: 0, payload: { messages: [] } });
  });

  it.each([
    { name: 'a reference past the bytes it holds', json: '{"$b":[0,99]}' },
    { name: 'a malformed reference', json: '{"$b":"x"}' },
  ])('refuses $name', ({ json }) => {
    const envelope = `{"v":1,"type":"client.batch","source":"x","seq":0,"ts":1,"payload":{"messages":[],"frames":[{"characterId":"c","frame":${json}}]}}`;
    const body = new TextEncoder().encode(envelope);
    const message = new Uint8Array([1, body.length, 0, 0, 0, ...body, 1, 2]);
    expect(() => EnvelopeCodec.decode(message)).toThrow(InvalidMessageError);
  });

  it('refuses a text envelope whose frame is not bytes', () => {
    const envelope = '{"v":1,"type":"client.batch","source":"x","seq":0,"ts":1,"payload":{"messages":[],"frames":[{"characterId":"c","frame":{"$b":[0,1]}}]}}';
    expect(() => EnvelopeCodec.decode(envelope)).toThrow(/invalid "client.batch" payload/);
  });
});
