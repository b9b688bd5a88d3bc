import { HandleSet } from './handle-set.js';

describe('HandleSet', () => {
  it('agrees with a Set through growth and clears', () => {
    let seed = 3;
    const random = () => ((seed = (seed * 16807) % 2147483647) % 65535) + 1;
    const set = new HandleSet(4);
    const truth = new Set<number>();
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 400; i++) {
        const handle = random();
        expect(set.add(handle)).toBe(!truth.has(handle));
        truth.add(handle);
      }
      expect(set.size).toBe(truth.size);
      for (let probe = 1; probe < 2000; probe += 7) expect(set.has(probe)).toBe(truth.has(probe));
      expect([...set.entries().subarray(0, set.size)].sort((a, b) => a - b)).toEqual([...truth].sort((a, b) => a - b));
      set.clear();
      truth.clear();
      expect(set.has(1)).toBe(false);
    }
  });
});
