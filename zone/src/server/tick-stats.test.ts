import { TickStats } from './tick-stats.js';

describe('TickStats', () => {
  it.each([
    { samples: [], p99: 0 },
    { samples: [5], p99: 5 },
    { samples: Array.from({ length: 100 }, (_, i) => i + 1), p99: 99 },
    { samples: [...Array.from({ length: 199 }, () => 1), 50], p99: 1 },
    { samples: [...Array.from({ length: 197 }, () => 1), 50, 50, 50], p99: 50 },
  ])('p99 of $samples.length samples is $p99', ({ samples, p99 }) => {
    const stats = new TickStats(200);
    for (const sample of samples) stats.record(sample);
    expect(stats.p99()).toBe(p99);
  });

  it('forgets the oldest samples past its window', () => {
    const stats = new TickStats(3);
    for (const sample of [100, 100, 100, 1, 1, 1]) stats.record(sample);
    expect(stats.p99()).toBe(1);
  });
});
