import { StaleEpochError } from '@aether/shared/db';
import { createLogger } from '@aether/shared/observability';
import { Registry } from 'prom-client';
import { Checkpointer } from './checkpointer.js';
import { ZoneMetrics } from './metrics.js';
import type { PositionSnapshot } from './ports.js';
import type { ZoneRuntime } from './zone-runtime.js';

const snapshot = (id: string): PositionSnapshot => ({ id, zoneId: 'zone-a', x: 1, y: 2, z: 0, heading: 0, hp: 10, stamina: 5, mana: 3 });

/** A zone that has `dirty` characters to save, at `epoch`. */
function runtime(zoneId: string, dirty: PositionSnapshot[], epoch?: number) {
  let pending = dirty;
  const fake = {
    zone: { id: zoneId },
    epoch,
    takeDirty: () => {
      const taken = pending;
      pending = [];
      return taken;
    },
    markDirty: (snapshots: PositionSnapshot[]) => void (pending = [...snapshots, ...pending]),
    unsaved: () => pending,
  };
  return fake as unknown as ZoneRuntime & { unsaved: () => PositionSnapshot[] };
}

function checkpointer(
  zones: ZoneRuntime[],
  save: (snapshots: PositionSnapshot[], fence?: { zoneId: string; epoch: number }) => Promise<void>,
  gameWrites?: { flush: (ids?: Iterable<string>, timeoutMs?: number) => Promise<boolean> },
  fights?: { record: (runtimes: Iterable<ZoneRuntime>) => Promise<void> },
) {
  const registry = new Registry();
  const fenced: ZoneRuntime[] = [];
  const subject = new Checkpointer({
    characters: { load: async () => null, savePositions: save },
    metrics: new ZoneMetrics(registry),
    logger: createLogger({ level: 'silent', base: {} }),
    intervalMs: 60_000,
    runtimes: () => zones,
    fencedOff: async (zone) => {
      fenced.push(zone);
      zones.splice(zones.indexOf(zone), 1);
    },
    ...(gameWrites ? { gameWrites } : {}),
    ...(fights ? { fights } : {}),
  });
  const value = async (name: string) => (await registry.getSingleMetric(name)!.get()).values[0]?.value ?? 0;
  return { subject, fenced, value };
}

describe('Checkpointer', () => {
  it('saves each zone’s moved characters under its fence', async () => {
    const saves: Array<{ ids: string[]; fence?: { zoneId: string; epoch: number } }> = [];
    const a = runtime('zone-a', [snapshot('ann')], 7);
    const b = runtime('zone-b', [snapshot('bob')]);
    const { subject } = checkpointer([a, b], async (snapshots, fence) => void saves.push({ ids: snapshots.map((s) => s.id), ...(fence ? { fence } : {}) }));
    await subject.checkpoint();
    expect(saves).toEqual([{ ids: ['ann'], fence: { zoneId: 'zone-a', epoch: 7 } }, { ids: ['bob'] }]);
  });

  it('keeps what failed to save for the next checkpoint, counts the failure and reports the lag', async () => {
    let failing = true;
    const a = runtime('zone-a', [snapshot('ann')]);
    const { subject, value } = checkpointer([a], async () => {
      if (failing) throw new Error('database down');
    });
    await subject.checkpoint();
    expect(a.unsaved().map((s) => s.id)).toEqual(['ann']);
    expect(await value('aether_zone_checkpoint_failures_total')).toBe(1);
    failing = false;
    await subject.checkpoint();
    expect(a.unsaved()).toEqual([]);
    subject.reportLag();
    expect(await value('aether_zone_checkpoint_lag_seconds')).toBeLessThan(1);
  });

  it('a fenced-off write drops the zone and counts as done (the new owner’s state is the truth)', async () => {
    const a = runtime('zone-a', [], 3);
    const { subject, fenced, value } = checkpointer([a], async () => {
      throw new StaleEpochError('zone-a', 3, 4);
    });
    expect(await subject.save(a, [snapshot('ann')], 'leave')).toBe(true);
    expect(fenced).toEqual([a]);
    expect(await value('aether_zone_checkpoint_failures_total')).toBe(0);
  });

  it('writes the characters’ game changes before they leave, cross or are handed off, not before every checkpoint', async () => {
    const log: string[] = [];
    const a = runtime('zone-a', [snapshot('ann')], 3);
    const flush = async (ids?: Iterable<string>) => {
      log.push(`flush ${[...(ids ?? [])].join(',')}`);
      return true;
    };
    const { subject } = checkpointer([a], async (snapshots) => void log.push(`save ${snapshots.map((s) => s.id).join(',')}`), { flush });
    await subject.checkpoint();
    await subject.save(a, [snapshot('bob')], 'transfer');
    expect(log).toEqual(['save ann', 'flush bob', 'save bob']);
  });

  it('keeps the fights with every periodic checkpoint, after the fenced saves: a zone owned elsewhere records none', async () => {
    const log: string[] = [];
    const a = runtime('zone-a', [snapshot('ann')], 3);
    const b = runtime('zone-b', [snapshot('bob')], 5);
    const fights = { record: async (runtimes: Iterable<ZoneRuntime>) => void log.push(`fights ${[...runtimes].map((r) => r.zone.id).join(',')}`) };
    const { subject } = checkpointer(
      [a, b],
      async (snapshots, fence) => {
        log.push(`save ${snapshots.map((s) => s.id).join(',')}`);
        if (fence?.zoneId === 'zone-b') throw new StaleEpochError('zone-b', 5, 6);
      },
      undefined,
      fights,
    );
    await subject.checkpoint();
    expect(log).toEqual(['save ann', 'save bob', 'fights zone-a']);
    // Nobody moved: the fights are kept all the same.
    await subject.checkpoint();
    expect(log.at(-1)).toBe('fights zone-a');
    // A save on demand (a leave) records no fights.
    await subject.save(a, [snapshot('cy')], 'leave');
    expect(log.at(-1)).toBe('save cy');
  });

  it('has nothing to write for nobody', async () => {
    let saves = 0;
    const { subject } = checkpointer([], async () => void saves++);
    expect(await subject.save(runtime('zone-a', []), [], 'leave')).toBe(true);
    expect(saves).toBe(0);
  });
});
