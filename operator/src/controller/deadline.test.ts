import { ReconcileTimeoutError, withDeadline } from './deadline.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('withDeadline', () => {
  it('answers the work result when it finishes in time', async () => {
    const run = withDeadline(1000, 'reconcile of a/b', async () => 'done');
    await expect(run.result).resolves.toBe('done');
    await run.settled;
  });

  it('passes the work failure through', async () => {
    const run = withDeadline(1000, 'reconcile of a/b', async () => {
      throw new Error('boom');
    });
    await expect(run.result).rejects.toThrow('boom');
    await run.settled;
  });

  it('fails at the deadline, aborts the signal, and settles only when the work stops', async () => {
    const steps: string[] = [];
    let release = () => {};
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const run = withDeadline(30, 'reconcile of a/b', async (signal) => {
      steps.push('observe');
      await blocked; // a hung call
      signal.throwIfAborted(); // the next step sees the deadline
      steps.push('write');
    });
    let settled = false;
    void run.settled.then(() => {
      settled = true;
    });
    const error = await run.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReconcileTimeoutError);
    expect((error as Error).message).toBe('reconcile of a/b took longer than 30 ms');
    await sleep(20);
    expect(settled).toBe(false); // the key stays taken while the abandoned work runs
    release();
    await run.settled;
    expect(steps).toEqual(['observe']); // no write after the deadline
  });
});
