import { SequenceTracker } from './sequence-tracker.js';

describe('SequenceTracker', () => {
  it.each([
    { seqs: [0, 1, 2], gaps: [0, 0, 0] },
    { seqs: [0, 2, 3], gaps: [0, 1, 0] },
    { seqs: [5, 9], gaps: [0, 3] },
    // A restarted publisher starts again at 0: not a gap, just a new stream.
    { seqs: [7, 0, 1], gaps: [0, 0, 0] },
  ])('reports holes in $seqs', ({ seqs, gaps }) => {
    const tracker = new SequenceTracker();
    expect(seqs.map((seq) => tracker.observe('a', 'ch', seq))).toEqual(gaps);
  });

  it('tracks each source and channel on its own', () => {
    const tracker = new SequenceTracker();
    tracker.observe('a', 'x', 0);
    expect(tracker.observe('b', 'x', 4)).toBe(0);
    expect(tracker.observe('a', 'y', 3)).toBe(0);
    expect(tracker.observe('a', 'x', 2)).toBe(1);
  });
});
