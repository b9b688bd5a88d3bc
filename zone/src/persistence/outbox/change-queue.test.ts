import { ChangeQueue } from './change-queue.js';

const stats = { strength: 10, agility: 10, intellect: 10, speed: 10 };
const progress = (xp: number) => ({ progress: { level: 1, xp, stats, maxHp: 100, maxStamina: 100, maxMana: 100 } });
const slot = (slot: number, quantity: number, itemId = 'wolf-pelt') => ({ slot: { slot, itemId, quantity } });
const forest = { zoneId: 'zone-forest', epoch: 3 };

function queue() {
  let next = 0;
  return new ChangeQueue(
    { baseMs: 100, maxMs: 1_000 },
    () => `change-${++next}`,
    () => 1,
  );
}

describe('ChangeQueue', () => {
  it('coalesces one character’s changes into one change set: last XP, every ability, last write per slot', () => {
    const q = queue();
    q.add('c1', forest, progress(10));
    q.add('c1', forest, slot(1, 1));
    q.add('c1', forest, { learned: 'shield-bash' });
    q.add('c1', forest, progress(25));
    q.add('c1', forest, slot(1, 2));
    q.add('c1', forest, slot(2, 1, 'wolf-fang'));
    expect(q.depth).toBe(1);
    const [change] = q.takeReady(0, 10);
    expect(change?.id).toBe('change-1');
    expect(change?.progress?.xp).toBe(25);
    expect([...(change?.learned ?? [])]).toEqual(['shield-bash']);
    expect([...(change?.slots.values() ?? [])]).toEqual([slot(1, 2).slot, slot(2, 1, 'wolf-fang').slot]);
  });

  it('never adds to a change set being written, and writes a character’s change sets one at a time, in order', () => {
    const q = queue();
    q.add('c1', forest, progress(10));
    const [first] = q.takeReady(0, 10);
    q.add('c1', forest, progress(20));
    q.add('c1', forest, progress(30));
    expect(q.depth).toBe(2);
    expect(first?.progress?.xp).toBe(10);
    expect(q.takeReady(0, 10)).toEqual([]); // the first is still in flight
    q.done(first!);
    const [second] = q.takeReady(0, 10);
    expect(second?.id).toBe('change-2');
    expect(second?.progress?.xp).toBe(30);
    q.done(second!);
    expect(q.depth).toBe(0);
    expect(q.hasPending()).toBe(false);
  });

  it('starts a new change set when the fence changes (another zone or epoch)', () => {
    const q = queue();
    q.add('c1', forest, progress(10));
    q.add('c1', { zoneId: 'zone-forest', epoch: 4 }, progress(20));
    q.add('c1', { zoneId: 'zone-city', epoch: 4 }, progress(30));
    expect(q.depth).toBe(3);
  });

  it('writes different characters side by side, up to the limit', () => {
    const q = queue();
    for (const id of ['a', 'b', 'c']) q.add(id, forest, progress(1));
    expect(q.takeReady(0, 2).map((change) => change.characterId)).toEqual(['a', 'b']);
    expect(q.takeReady(0, 2).map((change) => change.characterId)).toEqual(['c']);
  });

  it('keeps a failed change set at the head and retries it after a growing, capped delay', () => {
    const q = queue();
    q.add('c1', forest, progress(10));
    let [change] = q.takeReady(0, 10);
    expect(q.retryLater(change!, 1_000)).toBe(100);
    q.add('c1', forest, progress(20)); // joins a new change set behind the failed one
    expect(q.nextRetryAt()).toBe(1_100);
    expect(q.takeReady(1_099, 10)).toEqual([]);
    [change] = q.takeReady(1_100, 10);
    expect(change?.id).toBe('change-1');
    expect(q.retryLater(change!, 2_000)).toBe(200);
    expect(q.attempts('c1')).toBe(2);
    [change] = q.takeReady(2_200, 10);
    q.done(change!);
    expect(q.attempts('c1')).toBe(0);
    expect(q.takeReady(2_200, 10)[0]?.progress?.xp).toBe(20);
  });

  it('drops a lost zone’s change sets only, and a write still in flight for one keeps its character busy until it returns', () => {
    const q = queue();
    q.add('c1', forest, progress(10));
    q.add('c2', { zoneId: 'zone-city', epoch: 1 }, progress(5));
    const inFlight = q.takeReady(0, 10).find((change) => change.characterId === 'c1')!;
    q.add('c1', forest, progress(20));
    const dropped = q.dropZone('zone-forest');
    expect(dropped.map((change) => change.progress?.xp)).toEqual([10, 20]);
    expect(q.depth).toBe(1);
    q.add('c1', { zoneId: 'zone-city', epoch: 1 }, progress(30));
    expect(q.takeReady(0, 10)).toEqual([]); // c1 waits for the dropped write; c2 is in flight
    expect(q.retryLater(inFlight, 0)).toBe(0); // it failed: already dropped, nothing to retry
    expect(q.takeReady(0, 10).map((change) => change.progress?.xp)).toEqual([30]);
  });

  it('drops only a zone’s change sets from epochs older than a given one', () => {
    const q = queue();
    q.add('c1', { zoneId: 'zone-forest', epoch: 3 }, progress(10));
    q.add('c1', { zoneId: 'zone-forest', epoch: 5 }, progress(20));
    expect(q.dropZone('zone-forest', 5).map((change) => change.progress?.xp)).toEqual([10]);
    expect(q.takeReady(0, 10).map((change) => change.progress?.xp)).toEqual([20]);
  });

  it('answers whether given characters still have something to write', () => {
    const q = queue();
    q.add('c1', forest, progress(10));
    expect(q.hasPending(['c2'])).toBe(false);
    expect(q.hasPending(['c2', 'c1'])).toBe(true);
    expect(q.dropAll()).toHaveLength(1);
    expect(q.hasPending(['c1'])).toBe(false);
  });
});
