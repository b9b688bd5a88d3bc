import type { Exposition } from './prometheus-text.js';

/** One histogram series: cumulative counts at each upper bound (seconds), +Inf last. */
export interface HistogramSnapshot {
  bounds: number[];
  cumulative: number[];
  count: number;
}

/** A quantile from a histogram: a value, or only "above the top finite bucket". */
export interface Quantile {
  ms: number | null;
  /** Set when the quantile lies in the +Inf bucket: the histogram says only "more than this". */
  aboveMs?: number;
}

/**
 * The series of histogram `name` whose labels include `labels`, checked for
 * the shape a quantile needs: a histogram type, one series, cumulative
 * buckets ending at +Inf equal to _count. Anything else is an error naming
 * what was found, so the bench stops instead of printing wrong numbers.
 */
export function histogramSeries(exposition: Exposition, name: string, labels: Record<string, string>): HistogramSnapshot {
  const where = `${name}{${Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .join(',')}}`;
  const type = exposition.types.get(name);
  if (type === undefined) {
    const similar = [...exposition.types.keys()].filter((family) => family.includes('tick'));
    throw new Error(`/metrics has no ${name} (tick metrics it has: ${similar.join(', ') || 'none'})`);
  }
  if (type !== 'histogram') throw new Error(`${name} is a ${type}, not a histogram`);
  if (!name.endsWith('_seconds')) throw new Error(`${name} is not in seconds; the bench reads tick durations in seconds`);
  const matches = (sampleLabels: Record<string, string>) => Object.entries(labels).every(([key, value]) => sampleLabels[key] === value);
  const buckets = exposition.samples.filter((sample) => sample.name === `${name}_bucket` && matches(sample.labels));
  const counts = exposition.samples.filter((sample) => sample.name === `${name}_count` && matches(sample.labels));
  if (counts.length === 0) {
    const seen = new Set(exposition.samples.filter((sample) => sample.name === `${name}_count`).map((sample) => JSON.stringify(sample.labels)));
    throw new Error(`no ${where} series in /metrics (series present: ${[...seen].join(' ') || 'none'})`);
  }
  if (counts.length > 1) throw new Error(`${where} matches ${counts.length} series; the bench needs exactly one`);
  const byBound = new Map<number, number>();
  for (const bucket of buckets) {
    const le = bucket.labels.le;
    const bound = le === '+Inf' ? Infinity : Number(le);
    if (le === undefined || Number.isNaN(bound)) throw new Error(`${where} has a bucket without a valid "le" label`);
    byBound.set(bound, bucket.value);
  }
  const bounds = [...byBound.keys()].sort((a, b) => a - b);
  const cumulative = bounds.map((bound) => byBound.get(bound)!);
  const count = counts[0]!.value;
  if (bounds.at(-1) !== Infinity) throw new Error(`${where} has no +Inf bucket`);
  if (bounds.length < 2) throw new Error(`${where} has no finite buckets`);
  for (let i = 1; i < cumulative.length; i += 1) {
    if (cumulative[i]! < cumulative[i - 1]!) throw new Error(`${where} buckets are not cumulative`);
  }
  if (cumulative.at(-1) !== count) throw new Error(`${where}: the +Inf bucket (${cumulative.at(-1)}) differs from _count (${count})`);
  return { bounds, cumulative, count };
}

/** What happened between two snapshots of the same series. */
export function histogramDelta(before: HistogramSnapshot, after: HistogramSnapshot): HistogramSnapshot {
  if (before.bounds.length !== after.bounds.length || before.bounds.some((bound, i) => bound !== after.bounds[i])) {
    throw new Error('the histogram buckets changed during the measurement');
  }
  const cumulative = after.cumulative.map((value, i) => value - before.cumulative[i]!);
  const count = after.count - before.count;
  if (count < 0 || cumulative.some((value) => value < 0)) throw new Error('the histogram went backwards (did the server restart?)');
  return { bounds: after.bounds, cumulative, count };
}

/**
 * The q-quantile in milliseconds, interpolated linearly inside its bucket as
 * Prometheus' histogram_quantile does (the first bucket starts at 0).
 */
export function histogramQuantile(histogram: HistogramSnapshot, q: number): Quantile {
  const { bounds, cumulative, count } = histogram;
  if (count === 0) return { ms: null };
  const rank = q * count;
  const index = cumulative.findIndex((value) => value >= rank);
  const upper = bounds[index]!;
  const lower = index === 0 ? 0 : bounds[index - 1]!;
  if (upper === Infinity) return { ms: null, aboveMs: lower * 1000 };
  const below = index === 0 ? 0 : cumulative[index - 1]!;
  const inBucket = cumulative[index]! - below;
  const fraction = inBucket === 0 ? 1 : (rank - below) / inBucket;
  return { ms: (lower + (upper - lower) * fraction) * 1000 };
}
