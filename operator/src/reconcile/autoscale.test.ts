import { ZoneAssignmentSpec } from '../api/zone-assignment.js';
import { desiredReplicas } from './autoscale.js';

const NOW = 1_000_000;
const spec = (autoscaling: boolean, servers: Record<string, number> = {}) =>
  ZoneAssignmentSpec.parse({
    zones: Array.from({ length: 6 }, (_, i) => ({ id: `zone-${i}` })),
    servers: { minReplicas: 1, maxReplicas: 6, maxZonesPerServer: 4, ...servers },
    autoscaling: { enabled: autoscaling, targetPlayersPerServer: 300, scaleDownStabilizationSeconds: 60 },
    template: { image: 'zone' },
  });

describe('desiredReplicas', () => {
  it.each<[string, Parameters<typeof desiredReplicas>[0], number]>([
    ['manual: servers.replicas', { spec: spec(false, { replicas: 3 }), players: 5000, current: 1, now: NOW, history: [] }, 3],
    ['manual: unset replicas means minReplicas', { spec: spec(false, { minReplicas: 2 }), players: 0, current: 5, now: NOW, history: [] }, 2],
    ['auto: players / target, rounded up', { spec: spec(true), players: 901, current: 2, now: NOW, history: [] }, 4],
    ['auto: never fewer than the zones need', { spec: spec(true), players: 0, current: 2, now: NOW, history: [{ at: NOW - 120_000, replicas: 2 }] }, 2],
    ['auto: capped at maxReplicas', { spec: spec(true), players: 100_000, current: 2, now: NOW, history: [] }, 6],
    ['auto: floored at minReplicas', { spec: spec(true, { minReplicas: 3 }), players: 0, current: 3, now: NOW, history: [] }, 3],
    [
      'auto: scale-up is immediate whatever the history',
      { spec: spec(true), players: 1500, current: 2, now: NOW, history: [{ at: NOW - 1000, replicas: 2 }] },
      5,
    ],
    [
      'auto: scale-down held by a higher recommendation in the window',
      { spec: spec(true), players: 0, current: 5, now: NOW, history: [{ at: NOW - 30_000, replicas: 4 }] },
      4,
    ],
    ['auto: scale-down once the window has passed', { spec: spec(true), players: 0, current: 5, now: NOW, history: [{ at: NOW - 61_000, replicas: 4 }] }, 2],
    ['auto: no history (new leader) holds the current size', { spec: spec(true), players: 0, current: 5, now: NOW, history: [] }, 5],
  ])('%s', (_name, input, expected) => {
    expect(desiredReplicas(input).replicas).toBe(expected);
  });

  it('remembers the current size as a recommendation when there is no history', () => {
    const decision = desiredReplicas({ spec: spec(true), players: 0, current: 5, now: NOW, history: [] });
    expect(decision.remember).toEqual([
      { at: NOW, replicas: 5 },
      { at: NOW, replicas: 2 },
    ]);
    expect(decision.why).toContain('stabilization');
  });

  it('remembers nothing when autoscaling is off', () => {
    expect(desiredReplicas({ spec: spec(false), players: 0, current: 1, now: NOW, history: [] }).remember).toEqual([]);
  });
});
