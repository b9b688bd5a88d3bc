import { describe, expect, it } from '@jest/globals';
import { Decoder as DefaultDecoder, Encoder as DefaultEncoder } from 'socket.io-parser';
import { FRAME_EVENT, FRAME_MAGIC } from './frame-format.js';
import { Decoder, Encoder, PacketType, type Packet } from './socket-io-parser.js';

function decodeAll(decoder: { add(data: unknown): void; on(event: string, listener: (packet: Packet) => void): unknown }, parts: unknown[]): Packet[] {
  const out: Packet[] = [];
  decoder.on('decoded', (packet) => out.push(packet));
  for (const part of parts) decoder.add(part);
  return out;
}

const packets: Packet[] = [
  { type: PacketType.CONNECT, nsp: '/', data: { token: 'dev:ann', protocol: 2 } },
  { type: PacketType.CONNECT, nsp: '/admin', data: { sid: 'abc' } },
  { type: PacketType.DISCONNECT, nsp: '/' },
  { type: PacketType.EVENT, nsp: '/', data: ['move', { heading: 90, speed: 3 }] },
  { type: PacketType.EVENT, nsp: '/', data: ['command', { text: '/say "hi" 🐉 \u2028' }], id: 12 },
  { type: PacketType.ACK, nsp: '/', data: [{ ok: true, characters: [] }], id: 12 },
  { type: PacketType.CONNECT_ERROR, nsp: '/', data: { message: 'no', data: { code: 'outdated_client' } } },
];

describe('the clients’ Socket.IO parser', () => {
  it.each(packets)('writes what the default parser reads, and reads what it writes: %j', (packet) => {
    expect(decodeAll(new DefaultDecoder(), new Encoder().encode(packet))).toEqual([packet]);
    expect(decodeAll(new Decoder(), new DefaultEncoder().encode(packet))).toEqual([packet]);
  });

  it('sends binary as attachments, as the default parser does', () => {
    const packet: Packet = { type: PacketType.EVENT, nsp: '/', data: ['upload', { bytes: new Uint8Array([1, 2]) }] };
    const encoded = new Encoder().encode(packet);
    expect(encoded[0]).toBe('51-["upload",{"bytes":{"_placeholder":true,"num":0}}]');
    const decoded = decodeAll(new DefaultDecoder(), encoded);
    expect(decoded[0]!.type).toBe(PacketType.EVENT);
    expect(Array.from((decoded[0]!.data as [string, { bytes: Uint8Array }])[1].bytes)).toEqual([1, 2]);
  });

  it('reads a bare binary message as one frame event', () => {
    const frame = new Uint8Array([FRAME_MAGIC, 2, 0]);
    for (const form of [frame, frame.buffer, Buffer.from(frame)]) {
      const [packet] = decodeAll(new Decoder(), [form]);
      expect(packet!.type).toBe(PacketType.EVENT);
      expect(packet!.data).toEqual([FRAME_EVENT, expect.any(Uint8Array)]);
      expect(Array.from((packet!.data as [string, Uint8Array])[1])).toEqual([FRAME_MAGIC, 2, 0]);
    }
  });

  it.each([
    { name: 'an unknown type', data: '9["x"]' },
    { name: 'a binary event header', data: '51-["x",{"_placeholder":true,"num":0}]' },
    { name: 'broken JSON', data: '2["x"' },
    { name: 'an event named like a reserved one', data: '2["connect"]' },
    { name: 'an event that is not an array', data: '2{"a":1}' },
    { name: 'a disconnect with a payload', data: '1{}' },
    { name: 'binary that is not a frame', data: new Uint8Array([1, 2, 3]) },
    { name: 'neither text nor bytes', data: 42 },
  ])('refuses $name', ({ data }) => {
    expect(() => new Decoder().add(data)).toThrow();
  });
});
