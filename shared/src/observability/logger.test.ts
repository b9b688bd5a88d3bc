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

describe('createLogger pretty output', () => {
  function collect() {
    const chunks: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString());
        done();
      },
    });
    return { destination, text: () => chunks.join('') };
  }

  const notInstalled = (name: string): never => {
    throw Object.assign(new Error(`Cannot find module '${name}'`), { code: 'MODULE_NOT_FOUND' });
  };

  it('formats lines with pino-pretty when it is asked for and installed', async () => {
    const { destination, text } = collect();
    const logger = createLogger({ level: 'info', base: {}, pretty: true, destination });
    logger.info({ zone: 'zone-city' }, 'ready');
    await waitUntil(() => text().includes('ready'));
    expect(text()).toContain('zone-city');
    expect(text()).not.toContain('"msg"');
  });

  it('falls back to JSON with one warning line when pino-pretty is not installed (the images)', () => {
    const { destination, text } = collect();
    const logger = createLogger({ level: 'info', base: {}, pretty: true, destination, loadModule: notInstalled });
    logger.info('ready');
    const lines = text()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 40 });
    expect(lines[0]!.msg).toContain('pino-pretty');
    expect(lines[1]).toMatchObject({ level: 30, msg: 'ready' });
  });

  it('never loads pino-pretty when pretty output is not asked for', () => {
    const { destination, text } = collect();
    const loaded: string[] = [];
    const loadModule = (name: string): never => {
      loaded.push(name);
      return notInstalled(name);
    };
    createLogger({ level: 'info', base: {}, pretty: false, destination, loadModule }).info('ready');
    createLogger({ level: 'info', base: {}, destination, loadModule }).info('ready');
    expect(loaded).toEqual([]);
    expect(text()).not.toContain('pino-pretty');
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 100 && !condition(); attempt++) await new Promise((resolve) => setTimeout(resolve, 10));
}
