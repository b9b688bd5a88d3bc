import { hearShout } from './shout.js';
import { withinEarshot } from './hearing.js';

describe('withinEarshot', () => {
  it.each([
    [19, 0, true],
    [20, 0, true],
    [21, 0, false],
    [12, 16, true], // 20 m on the diagonal
    [12.1, 16, false],
  ])('(%f, %f) from the speaker at 20 m range: %s', (dx, dy, heard) => {
    expect(withinEarshot([{ entityId: 'c:x', x: 50 + dx, y: 50 + dy }], 50, 50, 20).length).toBe(heard ? 1 : 0);
  });
});

describe('hearShout', () => {
  // The shouter stands in the crossroads (x 0..200) 5 m from the border with the city (x 200..400).
  const shout = { fromZoneId: 'zone-crossroads', from: { id: 'c:amy', name: 'Amy' }, x: 195, y: 100, text: 'over here' };

  it.each([
    [195 + 149, true],
    [195 + 150, true],
    [195 + 151, false],
  ])('a city player at x=%i hears a crossroads shout: %s', (x, heard) => {
    const outgoing = hearShout(shout, [{ entityId: 'c:cal', x, y: 100 }], 150, 0);
    expect(outgoing).toEqual(
      heard
        ? [
            {
              to: 'c:cal',
              event: 'event',
              data: expect.objectContaining({ type: 'speech', channel: 'shout', text: 'Amy shouts, "over here"', from: shout.from }),
            },
          ]
        : [],
    );
  });
});
