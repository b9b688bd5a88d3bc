import { HashingBusyError, HashingGate } from './hashing-gate.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('HashingGate', () => {
  it('runs at most `concurrency` at once, queues up to `queue`, refuses beyond', async () => {
    const gate = new HashingGate(2, 2);
    let running = 0;
    let most = 0;
    const releases: Array<() => void> = [];
    const work = () =>
      gate.run(async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running -= 1;
      });
    const accepted = [work(), work(), work(), work()];
    await tick();
    expect(running).toBe(2);
    await expect(work()).rejects.toBeInstanceOf(HashingBusyError);
    for (let finished = 0; finished < 4; finished++) {
      while (releases.length === 0) await tick();
      releases.shift()!();
      await tick();
    }
    await Promise.all(accepted);
    expect(most).toBe(2);
    // Free again afterwards.
    await expect(gate.run(async () => 'done')).resolves.toBe('done');
  });
});
