import { jest } from '@jest/globals';
import { LatestThrottle } from './throttle.js';

describe('LatestThrottle', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  test('passes the first value at once, then at most one per interval, always ending on the latest', () => {
    const passed: string[] = [];
    const throttle = new LatestThrottle(500, (value) => passed.push(value));
    throttle.offer('a');
    expect(passed).toEqual(['a']);
    throttle.offer('b');
    throttle.offer('c');
    jest.advanceTimersByTime(499);
    expect(passed).toEqual(['a']);
    jest.advanceTimersByTime(1);
    expect(passed).toEqual(['a', 'c']);
    jest.advanceTimersByTime(2_000);
    throttle.offer('d');
    expect(passed).toEqual(['a', 'c', 'd']);
  });

  test('drops a value equal to the one last passed, unless reset', () => {
    const passed: string[] = [];
    const throttle = new LatestThrottle(500, (value) => passed.push(value));
    throttle.offer('a');
    jest.advanceTimersByTime(1_000);
    throttle.offer('a');
    expect(passed).toEqual(['a']);
    throttle.offer('b');
    throttle.offer('a');
    jest.advanceTimersByTime(1_000);
    expect(passed).toEqual(['a', 'b', 'a']);
    throttle.reset();
    jest.advanceTimersByTime(1_000);
    throttle.offer('a');
    expect(passed).toEqual(['a', 'b', 'a', 'a']);
  });

  test('cancel drops a waiting value', () => {
    const passed: string[] = [];
    const throttle = new LatestThrottle(500, (value) => passed.push(value));
    throttle.offer('a');
    throttle.offer('b');
    throttle.cancel();
    jest.advanceTimersByTime(1_000);
    expect(passed).toEqual(['a']);
  });
});
