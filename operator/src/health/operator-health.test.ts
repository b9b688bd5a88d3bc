import { Readiness } from '@aether/shared/observability';
import type { ControllerHealth } from '../controller/controller.js';
import { operatorHealth, operatorReadiness } from './operator-health.js';

const idle: ControllerHealth = { running: true, workers: 2, workersAlive: 2, queueDepth: 0, sinceProgressMs: 10, stalled: false };
const standby: ControllerHealth = { running: false, workers: 0, workersAlive: 0, queueDepth: 0, sinceProgressMs: 0, stalled: false };

describe('operator /health', () => {
  it.each<{ name: string; workers: ControllerHealth; status: string; problem?: RegExp }>([
    { name: 'a leader whose workers wait on an empty queue', workers: idle, status: 'ok' },
    { name: 'a standby', workers: standby, status: 'ok' },
    { name: 'a worker loop that exited', workers: { ...idle, workersAlive: 1 }, status: 'stalled', problem: /1 of 2 workers have exited/ },
    {
      name: 'keys waiting, nobody moving',
      workers: { ...idle, queueDepth: 3, sinceProgressMs: 70_000, stalled: true },
      status: 'stalled',
      problem: /3 keys waiting and no worker has moved for 70000 ms/,
    },
  ])('$name: $status', ({ workers, status, problem }) => {
    const health = operatorHealth(workers);
    expect(health.status).toBe(status);
    if (problem) expect(health.problems!.join('; ')).toMatch(problem);
  });
});

describe('operator /ready', () => {
  const report = (parts: { unsynced?: string[]; leader: boolean; workers: ControllerHealth; busDown?: boolean }) =>
    new Readiness(
      operatorReadiness({
        source: { unsynced: () => parts.unsynced ?? [] },
        controller: { health: () => parts.workers },
        elector: { isLeader: parts.leader },
        bus: {
          name: 'bus',
          probe: async () => {
            if (parts.busDown) throw new Error('connection refused');
          },
        },
      }),
      { timeoutMs: 200, reuseMs: 0 },
    ).report();

  it('a synced standby is ready (it may take over at once)', async () => {
    expect(await report({ leader: false, workers: standby })).toMatchObject({ status: 'ready' });
  });

  it('a synced leader with running workers is ready', async () => {
    expect(await report({ leader: true, workers: idle })).toMatchObject({ status: 'ready' });
  });

  it.each<[string, Parameters<typeof report>[0], string, RegExp]>([
    ['an informer still listing', { unsynced: ['pods'], leader: false, workers: standby }, 'informers', /not synced: pods/],
    ['Redis away', { busDown: true, leader: false, workers: standby }, 'bus', /connection refused/],
    ['a leader whose controller is not running', { leader: true, workers: standby }, 'workers', /not running/],
    [
      'a leader whose workers stalled',
      { leader: true, workers: { ...idle, queueDepth: 1, sinceProgressMs: 99_000, stalled: true } },
      'workers',
      /no worker has moved/,
    ],
  ])('not ready: %s', async (_name, parts, check, error) => {
    const result = await report(parts);
    expect(result.status).toBe('unready');
    expect(result.checks[check]).toMatchObject({ ok: false, error: expect.stringMatching(error) });
  });
});
