import { describe, expect, it } from '@jest/globals';
import { FRAME_MAGIC, PROTOCOL_VERSION } from './frame-format.js';
import { decodeFrame, FrameFormatError } from './frame-reader.js';

/** A frame written by hand from docs/protocol.md, independent of the zone's writer. */
function handWritten(): Uint8Array {
  const bytes: number[] = [];
  const u8 = (v: number) => bytes.push(v & 0xff);
  const u16 = (v: number) => (u8(v), u8(v >> 8));
  const u32 = (v: number) => (u16(v & 0xffff), u16(v >>> 16));
  const text = (s: string) => {
    const encoded = new TextEncoder().encode(s);
    u8(encoded.length);
    for (const b of encoded) u8(b);
  };
  const motion = (x: number, y: number, z: number, heading: number, speed: number) => (u32(x), u32(y), u32(z), u16(heading), u16(speed));
  u8(FRAME_MAGIC), u8(PROTOCOL_VERSION), u8(1), u32(123456), u16(50);
  u16(2), u16(7), u16(9); // removed
  u16(1), u16(3), u8(2), motion(-1050, 20025, 0, 9000, 300), text('w:wolf-1'), text('Grey wolf'); // added
  u16(1), u16(4), motion(100, 200, -300, 35999, 0); // moved
  const json = new TextEncoder().encode(JSON.stringify([['event', { type: 'speech', text: 'hi ✓' }]]));
  u32(json.length);
  for (const b of json) u8(b);
  return new Uint8Array(bytes);
}

describe('decodeFrame', () => {
  it('reads every part of a frame written from the documented layout', () => {
    expect(decodeFrame(handWritten())).toEqual({
      tick: 123456,
      intervalMs: 50,
      full: true,
      removed: [7, 9],
      added: [{ handle: 3, kind: 'wildlife', id: 'w:wolf-1', name: 'Grey wolf', x: -10.5, y: 200.25, z: 0, heading: 90, speed: 3 }],
      moved: [{ handle: 4, x: 1, y: 2, z: -3, heading: 359.99, speed: 0 }],
      messages: [['event', { type: 'speech', text: 'hi ✓' }]],
    });
  });

  it.each([
    { name: 'empty', mutate: () => new Uint8Array(0), message: /ends early/ },
    { name: 'not a frame', mutate: (b: Uint8Array) => Object.assign(b, { 0: 0x7b }), message: /not a frame/ },
    { name: 'another version', mutate: (b: Uint8Array) => Object.assign(b, { 1: PROTOCOL_VERSION + 1 }), message: /frame version/ },
    { name: 'truncated', mutate: (b: Uint8Array) => b.subarray(0, b.length - 3), message: /ends early/ },
    { name: 'trailing bytes', mutate: (b: Uint8Array) => new Uint8Array([...b, 0]), message: /after the end/ },
    { name: 'an unknown kind', mutate: (b: Uint8Array) => Object.assign(b, { 19: 9 }), message: /unknown entity kind/ },
  ])('refuses a frame that is $name', ({ mutate, message }) => {
    const broken = () => decodeFrame(mutate(handWritten()));
    expect(broken).toThrow(FrameFormatError);
    expect(broken).toThrow(message);
  });

  it('refuses messages that are not [[event, data], …]', () => {
    const frame = handWritten();
    const json = new TextEncoder().encode('{"x":1}');
    const header = frame.subarray(0, frame.length - 4 - JSON.stringify([['event', { type: 'speech', text: 'hi ✓' }]]).length - 2);
    const broken = new Uint8Array([...header, json.length, 0, 0, 0, ...json]);
    expect(() => decodeFrame(broken)).toThrow(/must be \[\[event, data\]/);
  });
});
