import type { CharacterChangeSet, ChangeOutcome, EpochFence } from '@aether/shared/db';
import { StaleEpochError } from '@aether/shared/db';
import { createLogger } from '@aether/shared/observability';
import { Registry } from 'prom-client';
import { ZoneMetrics } from '../../server/metrics.js';
import { ChangeOutbox } from './change-outbox.js';

const stats = { strength: 10, agility: 10, intellect: 10, speed: 10 };
const progress = (xp: number) => ({ progress: { level: 1, xp, stats, maxHp: 100, maxStamina: 100, maxMana: 100 } });
const forest = { zoneId: 'zone-forest', epoch: 3 };
const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

/** A repository whose next answers are scripted: an error to throw, or an outcome. */
function fakeRepository() {
  const script: Array<Error | ChangeOutcome> = [];
  const calls: Array<{ change: CharacterChangeSet; fence: EpochFence | undefined }> = [];
  const fake = {
    script,
    calls,
    /** While set, writes wait for it. */
    gate: undefined as Promise<void> | undefined,
    applyChange: async (change: CharacterChangeSet, fence?: EpochFence): Promise<ChangeOutcome> => {
      calls.push({ change, fence });
      await fake.gate;
      const next = script.shift() ?? 'applied';
      if (next instanceof Error) throw next;
      return next;
    },
  };
  return fake;
}

function outbox() {
  const registry = new Registry();
  const changes = fakeRepository();
  const fencedOff: string[] = [];
  let next = 0;
  const subject = new ChangeOutbox({
    changes,
    metrics: new ZoneMetrics(registry),
    logger: createLogger({ level: 'silent', base: {} }),
    backoff: { baseMs: 5, maxMs: 20 },
    onFencedOff: (zoneId, epoch) => void fencedOff.push(`${zoneId}@${epoch}`),
    random: () => 1,
    newId: () => `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`,
  });
  const value = async (name: string, labels: Record<string, string> = {}) => {
    const values = (await registry.getSingleMetric(name)!.get()).values;
    return values.find((sample) => Object.entries(labels).every(([key, label]) => sample.labels[key] === label))?.value ?? 0;
  };
  return { subject, changes, fencedOff, value };
}

describe('ChangeOutbox', () => {
  it('writes under the zone’s fence and reports the depth', async () => {
    const { subject, changes, value } = outbox();
    subject.add('c1', forest, progress(10));
    subject.add('c1', forest, { slot: { slot: 1, itemId: 'wolf-pelt', quantity: 2 } });
    expect(await value('aether_zone_outbox_depth')).toBe(1);
    expect(await subject.flush(['c1'], 1_000)).toBe(true);
    expect(changes.calls).toHaveLength(1);
    expect(changes.calls[0]?.fence).toEqual(forest);
    expect(changes.calls[0]?.change).toMatchObject({ characterId: 'c1', progress: { xp: 10 }, slots: [{ slot: 1, itemId: 'wolf-pelt', quantity: 2 }] });
    expect(await value('aether_zone_outbox_depth')).toBe(0);
  });

  it('retries a change set through a transient error under the same id, then writes the next one in order', async () => {
    const { subject, changes, value } = outbox();
    changes.script.push(refused(), refused());
    subject.add('c1', forest, progress(10));
    await new Promise((resolve) => setImmediate(resolve));
    subject.add('c1', forest, progress(20)); // made while the first is failing: its own change set, after it
    expect(await subject.flush(undefined, 2_000)).toBe(true);
    const written = changes.calls.map(({ change }) => [change.id.slice(-1), change.progress?.xp]);
    expect(written).toEqual([
      ['1', 10],
      ['1', 10],
      ['1', 10],
      ['2', 20],
    ]);
    expect(await value('aether_zone_outbox_retries_total')).toBe(2);
    expect(await value('aether_zone_outbox_drops_total')).toBe(0);
  });

  it('drops the zone’s unwritten change sets when a write is fenced off, and says the zone is lost', async () => {
    const { subject, changes, fencedOff, value } = outbox();
    changes.script.push(new Error('could not apply change', { cause: new StaleEpochError('zone-forest', 3, 4) }));
    let open!: () => void;
    changes.gate = new Promise((resolve) => (open = resolve));
    subject.add('c1', forest, progress(10));
    await new Promise((resolve) => setImmediate(resolve));
    subject.add('c1', forest, progress(20)); // queued behind the write that will be refused
    changes.gate = undefined;
    open();
    subject.add('c2', { zoneId: 'zone-city', epoch: 1 }, progress(5));
    expect(await subject.flush(undefined, 1_000)).toBe(true);
    expect(fencedOff).toEqual(['zone-forest@3']);
    expect(await value('aether_zone_outbox_drops_total', { reason: 'stale_epoch' })).toBe(2);
    expect(changes.calls.map(({ change }) => change.characterId)).toEqual(['c1', 'c2']);
  });

  it('drops a change set a retry cannot fix, so the character’s later ones still land', async () => {
    const { subject, changes, value } = outbox();
    changes.script.push(new Error('could not apply change', { cause: { code: '23514', message: 'check constraint' } }));
    subject.add('c1', forest, progress(10));
    await new Promise((resolve) => setImmediate(resolve));
    subject.add('c1', forest, progress(20));
    expect(await subject.flush(['c1'], 1_000)).toBe(true);
    expect(changes.calls.map(({ change }) => change.progress?.xp)).toEqual([10, 20]);
    expect(await value('aether_zone_outbox_drops_total', { reason: 'rejected' })).toBe(1);
  });

  it('drops a lost zone’s change sets on request, and on stop what could not be written in time', async () => {
    const { subject, changes, value } = outbox();
    for (let i = 0; i < 50; i++) changes.script.push(refused());
    subject.add('c1', forest, progress(10));
    subject.add('c2', { zoneId: 'zone-city', epoch: 1 }, progress(5));
    subject.dropZone('zone-forest');
    expect(subject.depth).toBe(1);
    expect(await value('aether_zone_outbox_drops_total', { reason: 'zone_lost' })).toBe(1);
    expect(await subject.flush(['c2'], 30)).toBe(false);
    await subject.stop(30);
    expect(subject.depth).toBe(0);
    expect(await value('aether_zone_outbox_drops_total', { reason: 'shutdown' })).toBe(1);
    subject.add('c3', forest, progress(1));
    expect(subject.depth).toBe(0);
  });
});
