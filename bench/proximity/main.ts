// Visibility cost per tick: the zone view's grid (zone/src/view/view-grid.ts)
// against the all-pairs scan it replaces, on the same worlds, answering the
// same question (who is within perception range of each player).
// Run after a build: `make bench`.
import { performance } from 'node:perf_hooks';
import { ViewGrid } from '@aether/zone';

const RANGE = 100;
const ZONE = 1000; // metres on a side

interface Point {
  id: number;
  x: number;
  y: number;
}

function world(count: number, seed = 42): Point[] {
  let state = seed;
  const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
  return Array.from({ length: count }, (_, id) => ({ id, x: random() * ZONE, y: random() * ZONE }));
}

function allPairs(points: Point[]): number {
  let pairs = 0;
  const r2 = RANGE * RANGE;
  for (const viewer of points) {
    for (const other of points) {
      const dx = other.x - viewer.x;
      const dy = other.y - viewer.y;
      if (dx * dx + dy * dy <= r2) pairs++;
    }
  }
  return pairs;
}

function gridded(points: Point[], grid: ViewGrid): number {
  grid.clear();
  for (const point of points) grid.insert(point.id, point.x, point.y);
  let pairs = 0;
  for (const viewer of points) pairs += grid.within(viewer.x, viewer.y, RANGE);
  return pairs;
}

function time(fn: () => number): { median: number; p99: number; result: number } {
  fn(); // warm-up
  const runs: number[] = [];
  let result = 0;
  const deadline = performance.now() + 1500;
  while (performance.now() < deadline || runs.length < 5) {
    const start = performance.now();
    result = fn();
    runs.push(performance.now() - start);
  }
  runs.sort((a, b) => a - b);
  return { median: runs[Math.floor(runs.length / 2)]!, p99: runs[Math.min(runs.length - 1, Math.ceil(runs.length * 0.99) - 1)]!, result };
}

const budgetMs = 1000 / 20;
console.log(`who sees whom for every player, perception ${RANGE} m, zone ${ZONE}×${ZONE} m; tick budget ${budgetMs} ms at 20 Hz`);
console.log('players | view grid median / p99 (ms) | all-pairs baseline median / p99 (ms) | speed-up | pairs in range');
for (const count of [100, 250, 500, 1000, 2000, 4000]) {
  const points = world(count);
  const grid = new ViewGrid(RANGE);

  const a = time(() => gridded(points, grid));
  const b = time(() => allPairs(points));
  if (a.result !== b.result) throw new Error(`results differ: ${a.result} vs ${b.result}`);
  console.log(
    `${String(count).padStart(7)} | ${a.median.toFixed(2).padStart(8)} / ${a.p99.toFixed(2).padStart(7)} | ${b.median.toFixed(2).padStart(10)} / ${b.p99.toFixed(2).padStart(7)} | ${(b.median / a.median).toFixed(1).padStart(6)}× | ${a.result}`,
  );
}
