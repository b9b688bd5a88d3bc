import type { BusMessageType, BusPayload, MessageBus } from '@aether/shared';
import { createLogger } from '@aether/shared/observability';
import { OutputBatcher, sendMessages } from './output-batcher.js';

/** The batcher against a bus that records what is published, and can fail. */
function batcher() {
  const published: Array<{ channel: string; type: BusMessageType; payload: BusPayload<'client.batch'> }> = [];
  let failing = false;
  const bus = {
    publish: async (channel: string, type: BusMessageType, payload: BusPayload<'client.batch'>) => {
      if (failing) throw new Error('bus down');
      published.push({ channel, type, payload });
    },
  } as unknown as MessageBus;
  const warnings: string[] = [];
  const logger = createLogger({ level: 'silent', base: {} });
  logger.warn = ((_: unknown, message: string) => void warnings.push(message)) as typeof logger.warn;
  return { subject: new OutputBatcher(bus, logger), bus, published, warnings, fail: () => void (failing = true) };
}

const frame = (byte: number) => new Uint8Array([byte]);

describe('OutputBatcher', () => {
  it('sends one batch per gateway per flush, with every frame for it in order', () => {
    const { subject, published } = batcher();
    subject.frame('g1', 'ann', frame(1));
    subject.frame('g2', 'bob', frame(2));
    subject.frame('g1', 'cat', frame(3));
    subject.flush('failed');
    expect(published).toEqual([
      {
        channel: 'gateway:g1:output',
        type: 'client.batch',
        payload: {
          messages: [],
          frames: [
            { characterId: 'ann', frame: frame(1) },
            { characterId: 'cat', frame: frame(3) },
          ],
        },
      },
      { channel: 'gateway:g2:output', type: 'client.batch', payload: { messages: [], frames: [{ characterId: 'bob', frame: frame(2) }] } },
    ]);
  });

  it('puts a gateway’s frames and messages in the same batch', () => {
    const { subject, published } = batcher();
    subject.message('g1', { characterId: 'ann', event: 'error', data: { code: 'internal', message: 'no' } });
    subject.frame('g1', 'ann', frame(1));
    subject.flush('failed');
    expect(published).toHaveLength(1);
    expect(published[0]!.payload).toEqual({
      messages: [{ characterId: 'ann', event: 'error', data: { code: 'internal', message: 'no' } }],
      frames: [{ characterId: 'ann', frame: frame(1) }],
    });
  });

  it('sends messages alone as a plain batch, without frames', () => {
    const { subject, published } = batcher();
    subject.message('g1', { characterId: 'ann', event: 'error', data: { code: 'internal', message: 'no' } });
    subject.flush('failed');
    expect(published[0]!.payload).toStrictEqual({ messages: [{ characterId: 'ann', event: 'error', data: { code: 'internal', message: 'no' } }] });
  });

  it('sends nothing for a gateway with nothing, and starts empty after each flush', () => {
    const { subject, published } = batcher();
    subject.flush('failed');
    expect(published).toEqual([]);
    subject.frame('g1', 'ann', frame(1));
    subject.flush('failed');
    subject.frame('g2', 'bob', frame(2));
    subject.flush('failed');
    expect(published.map((p) => [p.channel, p.payload.frames?.length])).toEqual([
      ['gateway:g1:output', 1],
      ['gateway:g2:output', 1],
    ]);
  });

  it('logs a failed publish with the given words and goes on', async () => {
    const { subject, warnings, fail } = batcher();
    fail();
    subject.frame('g1', 'ann', frame(1));
    subject.flush('publishing a client batch failed');
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings).toEqual(['publishing a client batch failed']);
  });

  it('sendMessages publishes one plain batch at once', async () => {
    const { bus, published } = batcher();
    await sendMessages(bus, 'g1', [{ characterId: 'ann', event: 'error', data: { code: 'internal', message: 'no' } }]);
    expect(published).toStrictEqual([
      {
        channel: 'gateway:g1:output',
        type: 'client.batch',
        payload: { messages: [{ characterId: 'ann', event: 'error', data: { code: 'internal', message: 'no' } }] },
      },
    ]);
  });
});
