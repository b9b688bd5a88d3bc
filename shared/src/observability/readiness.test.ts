import { Readiness } from './readiness.js';

describe('Readiness', () => {
  it('is ready when every check passes, and names each failing one with why', async () => {
    const readiness = new Readiness(
      [
        { name: 'bus', probe: async () => 'PONG' },
        { name: 'database', probe: async () => Promise.reject(new Error('query failed', { cause: new Error('ECONNREFUSED') })) },
        { name: 'tick', probe: () => undefined },
      ],
      { reuseMs: 0 },
    );
    const report = await readiness.report();
    expect(report.status).toBe('unready');
    expect(report.checks.bus!.ok).toBe(true);
    expect(report.checks.tick!.ok).toBe(true);
    expect(report.checks.database).toMatchObject({ ok: false, error: 'query failed: ECONNREFUSED' });
    expect((await new Readiness([{ name: 'bus', probe: () => 1 }]).report()).status).toBe('ready');
  });

  it('fails a check that does not answer in time (a command queued while Redis is away)', async () => {
    const readiness = new Readiness([{ name: 'bus', probe: () => new Promise(() => undefined) }], { timeoutMs: 20, reuseMs: 0 });
    expect(await readiness.report()).toEqual({ status: 'unready', checks: { bus: expect.objectContaining({ ok: false, error: 'no answer within 20 ms' }) } });
  });

  it('fails a check that throws synchronously', async () => {
    const readiness = new Readiness([
      {
        name: 'tick',
        probe: () => {
          throw new Error('no tick for 9000 ms');
        },
      },
    ]);
    expect((await readiness.report()).checks.tick).toMatchObject({ ok: false, error: 'no tick for 9000 ms' });
  });

  it('reuses an answer for reuseMs and shares the one under way', async () => {
    let now = 0;
    let probes = 0;
    const readiness = new Readiness(
      [
        {
          name: 'database',
          probe: async () => {
            probes += 1;
          },
        },
      ],
      { reuseMs: 1_000, now: () => now },
    );
    await Promise.all([readiness.report(), readiness.report(), readiness.report()]);
    expect(probes).toBe(1);
    now = 999;
    await readiness.report();
    expect(probes).toBe(1);
    now = 1_000;
    await readiness.report();
    expect(probes).toBe(2);
  });
});
