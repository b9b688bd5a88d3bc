import { describe, expect, it } from '@jest/globals';
import { BARE_BINARY_EVENT, countingParser, type Packet } from './packet-parser.js';

function decoderWith(decoding: boolean) {
  const counter = {
    events: 0,
    decoding,
    countEvent() {
      this.events += 1;
    },
  };
  const { Decoder } = countingParser(counter);
  const decoder = new Decoder();
  const decoded: Packet[] = [];
  decoder.on('decoded', (packet) => decoded.push(packet as Packet));
  return { counter, decoder, decoded };
}

describe('the bots\u2019 packet parser', () => {
  it('decodes Socket.IO text packets as the default parser does', () => {
    const { decoder, decoded, counter } = decoderWith(true);
    decoder.add('0{"sid":"abc"}');
    decoder.add('2["positions",[{"id":"bot1","x":1,"y":2,"heading":3,"moving":true}]]');
    decoder.add('312[{"ok":true}]');
    decoder.add('2/admin,["hello"]');
    expect(decoded).toEqual([
      { type: 0, nsp: '/', data: { sid: 'abc' } },
      { type: 2, nsp: '/', data: ['positions', [{ id: 'bot1', x: 1, y: 2, heading: 3, moving: true }]] },
      { type: 3, nsp: '/', id: 12, data: [{ ok: true }] },
      { type: 2, nsp: '/admin', data: ['hello'] },
    ]);
    expect(counter.events).toBe(2);
  });

  it('puts attachments back into binary events, and delivers a bare binary message as a frame event', () => {
    const { decoder, decoded, counter } = decoderWith(true);
    decoder.add('51-["blob",{"_placeholder":true,"num":0}]');
    decoder.add(Buffer.from([1, 2]));
    decoder.add(Buffer.from([9, 9, 9]));
    expect(decoded[0]!.data).toEqual(['blob', Buffer.from([1, 2])]);
    expect(decoded[1]).toEqual({ type: 2, nsp: '/', data: [BARE_BINARY_EVENT, Buffer.from([9, 9, 9])] });
    expect(counter.events).toBe(2);
  });

  it('when not decoding, counts events and drops them (and their attachments), but still passes acks on', () => {
    const { decoder, decoded, counter } = decoderWith(false);
    decoder.add('2["positions",[]]');
    decoder.add('51-["blob",{"_placeholder":true,"num":0}]');
    decoder.add(Buffer.from([1]));
    decoder.add(Buffer.from([7]));
    decoder.add('30[{"ok":true}]');
    expect(counter.events).toBe(3);
    expect(decoded).toEqual([{ type: 3, nsp: '/', id: 0, data: [{ ok: true }] }]);
  });

  it('refuses malformed packets', () => {
    const { decoder } = decoderWith(true);
    expect(() => decoder.add('9oops')).toThrow(/unknown packet type/);
    expect(() => decoder.add('2{not json')).toThrow(/invalid packet payload/);
    expect(() => decoder.add('2{"an":"object"}')).toThrow(/array payload/);
  });
});
