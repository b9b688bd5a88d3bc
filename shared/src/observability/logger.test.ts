import { Writable } from 'node:stream';
import { createLogger } from './logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger({ level: 'info', base: { service: 'test' }, destination });
  return { logger, text: () => lines.join('\n') };
}

describe('createLogger redaction', () => {
  it('replaces secret fields at any of the first levels of a logged object', () => {
    const { logger, text } = capture();
    logger.info({ password: 'pw-1', auth: { token: 'tok-2' }, body: { session: { refreshToken: 'rt-3' } } }, 'login');
    logger.info({ req: { headers: { authorization: 'Bearer tok-4', cookie: 'sid=5' } } }, 'request');
    logger.info({ npc: { apiKey: 'sk-6' }, account: 'alice' }, 'llm');
    const logged = text();
    for (const secret of ['pw-1', 'tok-2', 'rt-3', 'tok-4', 'sid=5', 'sk-6']) expect(logged).not.toContain(secret);
    expect(logged).toContain('[redacted]');
    expect(logged).toContain('alice');
  });

  it('drops the arguments of a failed Redis command that ioredis keeps on its errors (AUTH user password)', () => {
    const { logger, text } = capture();
    const refused = Object.assign(new Error('WRONGPASS invalid username-password pair'), { command: { name: 'auth', args: ['aether', 'hunter2'] } });
    logger.warn({ err: refused }, 'redis refused');
    logger.warn({ err: new Error('could not subscribe', { cause: refused }) }, 'wrapped');
    const logged = text();
    expect(logged).not.toContain('hunter2');
    expect(logged).toContain('"name":"auth"');
  });

  it('strips URL credentials from logged errors, keeping the rest of the message', () => {
    const { logger, text } = capture();
    const error = new Error('could not connect to postgresql://aether:hunter2@db:5432/aether', {
      cause: new Error('redis://:r3d1s@cache:6379 refused'),
    });
    logger.error({ err: error }, 'start failed');
    const logged = text();
    expect(logged).not.toContain('hunter2');
    expect(logged).not.toContain('r3d1s');
    expect(logged).toContain('postgresql://aether:[redacted]@db:5432/aether');
  });
});
