import { decideLease, type LeaseRecord } from './lease-decision.js';

const NOW = Date.parse('2026-01-01T00:00:30.000Z');
const record = (holderIdentity: string, extra: Partial<LeaseRecord> = {}): LeaseRecord => ({
  holderIdentity,
  leaseDurationSeconds: 15,
  acquireTime: '2026-01-01T00:00:00.000Z',
  renewTime: '2026-01-01T00:00:25.000Z',
  leaseTransitions: 3,
  ...extra,
});

describe('decideLease', () => {
  it.each<[string, LeaseRecord | undefined, number, string]>([
    ['no Lease yet: create it', undefined, NOW, 'create'],
    ['ours: renew', record('me'), NOW, 'renew'],
    ['released (empty holder): take it at once', record(''), NOW, 'acquire'],
    ['another holder seen changing 5 s ago: wait', record('other'), NOW - 5_000, 'wait'],
    ['another holder unchanged for the whole duration: take over', record('other'), NOW - 15_000, 'acquire'],
    // Judged by our own clock: a renewTime far in the past (their clock behind) does not make it expired.
    ['another holder with an old renewTime but seen changing just now: wait', record('other', { renewTime: '2025-01-01T00:00:00.000Z' }), NOW - 100, 'wait'],
  ])('%s', (_name, current, observedAt, action) => {
    expect(decideLease({ record: current, identity: 'me', leaseDurationMs: 15_000, now: NOW, observedAt }).action).toBe(action);
  });

  it('counts transitions and stamps times when taking over', () => {
    const decision = decideLease({ record: record('other'), identity: 'me', leaseDurationMs: 15_000, now: NOW, observedAt: NOW - 20_000 });
    expect(decision).toEqual({
      action: 'acquire',
      record: {
        holderIdentity: 'me',
        leaseDurationSeconds: 15,
        acquireTime: new Date(NOW).toISOString(),
        renewTime: new Date(NOW).toISOString(),
        leaseTransitions: 4,
      },
    });
  });

  it('keeps acquireTime and transitions when renewing', () => {
    const decision = decideLease({ record: record('me'), identity: 'me', leaseDurationMs: 15_000, now: NOW, observedAt: NOW });
    expect(decision.action === 'renew' && decision.record).toMatchObject({
      acquireTime: '2026-01-01T00:00:00.000Z',
      leaseTransitions: 3,
      renewTime: new Date(NOW).toISOString(),
    });
  });

  it('rounds a sub-second duration up to whole seconds (the Lease field is in seconds)', () => {
    const decision = decideLease({ record: undefined, identity: 'me', leaseDurationMs: 1_500, now: NOW, observedAt: NOW });
    expect(decision.action === 'create' && decision.record.leaseDurationSeconds).toBe(2);
  });
});
