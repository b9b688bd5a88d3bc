import { pino } from 'pino';
import { waitFor } from '@aether/testing';
import { LeaderElector, type LeaseStore } from './leader-elector.js';
import type { LeaseRecord } from './lease-decision.js';

/** An in-memory Lease with the API server's optimistic concurrency. */
class MemoryLease implements LeaseStore {
  record: LeaseRecord | undefined;
  version = 0;
  failing = false;

  async get() {
    if (this.failing) throw new Error('API down');
    return this.record ? { record: { ...this.record }, version: String(this.version) } : undefined;
  }
  async create(record: LeaseRecord) {
    if (this.failing) throw new Error('API down');
    if (this.record) throw new Error('409 AlreadyExists');
    this.record = record;
    this.version += 1;
  }
  async update(record: LeaseRecord, version: string) {
    if (this.failing) throw new Error('API down');
    if (version !== String(this.version)) throw new Error('409 Conflict');
    this.record = record;
    this.version += 1;
  }
}

const timings = { leaseDurationMs: 1_000, renewIntervalMs: 100, renewDeadlineMs: 600, retryIntervalMs: 50 };
const silent = pino({ level: 'silent' });

function replica(store: LeaseStore, identity: string) {
  const log: string[] = [];
  const elector = new LeaderElector(
    store,
    { identity, ...timings },
    { onStartedLeading: () => log.push('start'), onStoppedLeading: () => void log.push('stop') },
    silent,
  );
  return { elector, log };
}

describe('LeaderElector', () => {
  it('exactly one of two replicas leads; the other takes over after the lease runs out', async () => {
    const store = new MemoryLease();
    const a = replica(store, 'a');
    const b = replica(store, 'b');
    a.elector.start();
    await waitFor(() => a.elector.isLeader, { timeoutMs: 2000 });
    b.elector.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(b.elector.isLeader).toBe(false);

    // a dies without a word: no renewals, no release.
    (a.elector as unknown as { stopped: boolean }).stopped = true;
    clearTimeout((a.elector as unknown as { timer: NodeJS.Timeout }).timer);
    const died = Date.now();
    await waitFor(() => b.elector.isLeader, { timeoutMs: 3000 });
    expect(Date.now() - died).toBeGreaterThanOrEqual(timings.leaseDurationMs - 200);
    expect(store.record?.leaseTransitions).toBe(1);
    await b.elector.stop();
  });

  it('a graceful stop releases the Lease so the follower leads at once', async () => {
    const store = new MemoryLease();
    const a = replica(store, 'a');
    const b = replica(store, 'b');
    a.elector.start();
    await waitFor(() => a.elector.isLeader, { timeoutMs: 2000 });
    b.elector.start();
    const stopped = Date.now();
    await a.elector.stop();
    expect(a.log).toEqual(['start', 'stop']);
    await waitFor(() => b.elector.isLeader, { timeoutMs: 2000 });
    expect(Date.now() - stopped).toBeLessThan(timings.leaseDurationMs);
    await b.elector.stop();
  });

  it('a leader that cannot renew steps down before its lease could be taken', async () => {
    const store = new MemoryLease();
    const a = replica(store, 'a');
    a.elector.start();
    await waitFor(() => a.elector.isLeader, { timeoutMs: 2000 });
    const lastRenew = Date.now();
    store.failing = true;
    await waitFor(() => !a.elector.isLeader, { timeoutMs: 2000 });
    expect(Date.now() - lastRenew).toBeLessThan(timings.leaseDurationMs);
    expect(a.log).toEqual(['start', 'stop']);
    await a.elector.stop();
  });
});
