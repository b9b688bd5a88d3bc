// Roster cost per tick: the zone's spatial hash against the naive all-pairs
// scan it replaces, on the same worlds. Run after a build: `make bench`.
import { performance } from 'node:perf_hooks';
import { SpatialHash } from '../zone/dist/proximity/spatial-hash.js';
import { rosterEntry, rosterFor } from '../zone/dist/proximity/roster.js';

const RANGE = 100;
const ZONE = 1000; // metres on a side

function world(count, seed = 42) {
  let state = seed;
  const random = () => ((state = (state * 16807) % 2147483647) / 2147483647);
  return Array.from({ length: count }, (_, i) => ({
    id: `c:${i}`, kind: 'player', name: `P${i}`, x: random() * ZONE, y: random() * ZONE, z: 0,
    heading: 0, maxSpeed: 5, intent: { kind: 'idle' }, player: {},
  }));
}

function naive(entities) {
  let entries = 0;
  for (const viewer of entities) {
    for (const other of entities) {
      if (other === viewer) continue;
      if (Math.hypot(other.x - viewer.x, other.y - viewer.y) <= RANGE) {
        rosterEntry(viewer, other);
        entries++;
      }
    }
  }
  return entries;
}

function hashed(entities) {
  const hash = SpatialHash.of(RANGE, entities);
  let entries = 0;
  for (const viewer of entities) entries += rosterFor(viewer, hash, RANGE).size;
  return entries;
}

function time(fn, entities) {
  fn(entities); // warm-up
  const runs = [];
  let result = 0;
  const deadline = performance.now() + 1500;
  while (performance.now() < deadline || runs.length < 5) {
    const start = performance.now();
    result = fn(entities);
    runs.push(performance.now() - start);
  }
  runs.sort((a, b) => a - b);
  return { median: runs[Math.floor(runs.length / 2)], p99: runs[Math.min(runs.length - 1, Math.ceil(runs.length * 0.99) - 1)], result };
}

const budgetMs = 1000 / 20;
console.log(`rosters for every player, perception ${RANGE} m, zone ${ZONE}×${ZONE} m; tick budget ${budgetMs} ms at 20 Hz`);
console.log('players | spatial hash median / p99 (ms) | all-pairs baseline median / p99 (ms) | speed-up | roster entries');
for (const count of [100, 250, 500, 1000, 2000]) {
  const entities = world(count);
  const a = time(hashed, entities);
  const b = time(naive, entities);
  if (a.result !== b.result) throw new Error(`results differ: ${a.result} vs ${b.result}`);
  console.log(
    `${String(count).padStart(7)} | ${a.median.toFixed(2).padStart(8)} / ${a.p99.toFixed(2).padStart(7)} | ${b.median.toFixed(2).padStart(10)} / ${b.p99.toFixed(2).padStart(7)} | ${(b.median / a.median).toFixed(1).padStart(6)}× | ${a.result}`,
  );
}
