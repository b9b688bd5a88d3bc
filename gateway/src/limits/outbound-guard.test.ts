import { pendingBytes } from './outbound-guard.js';

describe('pendingBytes', () => {
  it('adds the WebSocket send queue and engine.io write buffer, stopping once past the limit', () => {
    expect(pendingBytes({})).toBe(0);
    expect(pendingBytes({ transport: { socket: { bufferedAmount: 1000 } }, writeBuffer: [] })).toBe(1000);
    const connection = { transport: {}, writeBuffer: [{ data: 'x'.repeat(100) }, { data: new Uint8Array(50) }, { data: undefined }] };
    expect(pendingBytes(connection)).toBe(108 + 58 + 8);
    const many = { writeBuffer: Array.from({ length: 10_000 }, () => ({ data: 'y'.repeat(1000) })) };
    expect(pendingBytes(many, 5000)).toBeLessThan(10_000);
  });
});
