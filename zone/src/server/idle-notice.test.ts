import { jest } from '@jest/globals';
import type { Logger } from '@aether/shared/observability';
import { IdleNotice, idleReason } from './idle-notice.js';

describe('idleReason', () => {
  it('without ASSIGNED_ZONES and no assignment at all: asks whether the operator runs, and names ASSIGNED_ZONES', () => {
    const reason = idleReason('zone-a', { kind: 'assigned' }, new Map(), new Map());
    expect(reason.level).toBe('warn');
    expect(reason.message).toContain('operator');
    expect(reason.message).toContain('ASSIGNED_ZONES');
  });

  it('with assignments for other servers only: a spare, naming them', () => {
    const assignments = new Map([
      ['zone-city', { serverId: 'zone-b', epoch: 3, assignedAt: 0 }],
      ['zone-forest', { serverId: 'zone-c', epoch: 4, assignedAt: 0 }],
    ]);
    const reason = idleReason('zone-a', { kind: 'assigned' }, assignments, new Map());
    expect(reason).toMatchObject({ level: 'info', facts: { assignedServers: ['zone-b', 'zone-c'], assignedZones: 2 } });
    expect(reason.message).toContain('SERVER_ID=zone-a');
  });

  it('with ASSIGNED_ZONES held by others: a standby, naming each owner', () => {
    const leases = new Map([
      ['zone-city', { serverId: 'zone-b', epoch: 3 }],
      ['zone-forest', null],
    ]);
    const reason = idleReason('zone-a', { kind: 'static', zones: ['zone-city', 'zone-forest'] }, new Map(), leases);
    expect(reason).toMatchObject({ level: 'info', facts: { owners: { 'zone-city': 'zone-b', 'zone-forest': null } } });
    expect(reason.message).toContain('standby');
  });
});

describe('IdleNotice', () => {
  const logger = () => ({ warn: jest.fn(), info: jest.fn() }) as unknown as Logger & { warn: jest.Mock; info: jest.Mock };

  it('says why at start-up, then at most once per repeatEveryMs while idle, and once when it gets a zone', async () => {
    let now = 0;
    let owned: string[] = [];
    const log = logger();
    const explain = jest.fn(async () => ({ level: 'warn' as const, message: 'owns no zone', facts: { serverId: 'zone-a' } }));
    const notice = new IdleNotice({ owned: () => owned, explain, logger: log, repeatEveryMs: 60_000, now: () => now });
    await notice.check();
    expect(log.warn).toHaveBeenCalledWith({ serverId: 'zone-a' }, 'owns no zone');
    now = 59_999;
    await notice.check();
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(explain).toHaveBeenCalledTimes(1);
    now = 60_000;
    await notice.check();
    expect(log.warn).toHaveBeenCalledTimes(2);
    owned = ['zone-city'];
    await notice.check();
    await notice.check();
    expect(log.info).toHaveBeenCalledTimes(1);
    expect(log.info).toHaveBeenCalledWith({ zones: ['zone-city'] }, 'owns zones now');
    // Idle again: said again at once.
    owned = [];
    await notice.check();
    expect(log.warn).toHaveBeenCalledTimes(3);
  });

  it('says nothing while it owns zones', async () => {
    const log = logger();
    const notice = new IdleNotice({ owned: () => ['zone-city'], explain: async () => ({ level: 'warn', message: 'x', facts: {} }), logger: log });
    await notice.check();
    expect(log.warn).not.toHaveBeenCalled();
    expect(log.info).not.toHaveBeenCalled();
  });

  it('still says it owns nothing when the registry cannot be read', async () => {
    const log = logger();
    const notice = new IdleNotice({ owned: () => [], explain: async () => Promise.reject(new Error('Redis get failed')), logger: log });
    await notice.check();
    expect(log.warn).toHaveBeenCalledWith(expect.objectContaining({ err: expect.any(Error) }), 'owns no zone, and could not read the registry to say why');
  });
});
