import { describe, expect, it } from '@jest/globals';
import { ClientView } from './client-view.js';
import type { DecodedFrame } from './frame-reader.js';

const frame = (tick: number, parts: Partial<DecodedFrame>): DecodedFrame => ({
  tick,
  intervalMs: 50,
  full: false,
  removed: [],
  added: [],
  moved: [],
  messages: [],
  ...parts,
});
const enter = ['world_enter', { character: { entityId: 'c:me' }, zone: { id: 'zone-a' } }] as [string, unknown];
const me = { handle: 1, id: 'c:me', kind: 'player' as const, name: 'Me', x: 0, y: 0, z: 0, heading: 0, speed: 0 };
const wolf = { handle: 2, id: 'w:1', kind: 'wildlife' as const, name: 'Wolf', x: 10, y: 0, z: 0, heading: 0, speed: 2 };

describe('ClientView', () => {
  it('turns a full frame into world_enter, a roster without the viewer, and the viewer’s own state', () => {
    const view = new ClientView();
    const events = view.apply(frame(10, { full: true, added: [me, wolf], messages: [enter, ['event', { text: 'hi' }]] }));
    expect(events.map((e) => e.event)).toEqual(['world_enter', 'proximity_roster', 'state_update', 'event']);
    expect(events[1]!.data).toEqual({
      zoneId: 'zone-a',
      entities: [{ id: 'w:1', kind: 'wildlife', name: 'Wolf', x: 10, y: 0, z: 0, heading: 0, moving: true, bearing: 90, elevation: 0, range: 10 }],
    });
    expect(events[2]!.data).toEqual({ character: { x: 0, y: 0, z: 0, heading: 0, moving: false } });
  });

  it('carries moving entities forward between frames and takes new records as they come', () => {
    const view = new ClientView();
    view.apply(frame(10, { full: true, added: [me, wolf], messages: [enter] }));
    // 2 m/s north for 20 ticks of 50 ms: 2 m.
    expect(view.entries(30)[0]).toMatchObject({ x: 10, y: 2, range: 10.2 });
    expect(view.entries(20.5)[0]!.y).toBeCloseTo(1.05);
    const events = view.apply(frame(30, { moved: [{ handle: 2, x: 10, y: 2, z: 0, heading: 90, speed: 0 }] }));
    expect(events).toEqual([
      { event: 'proximity_roster_delta', data: { added: [], removed: [], changed: [expect.objectContaining({ id: 'w:1', moving: false, heading: 90 })] } },
    ]);
    expect(view.entries(100)[0]).toMatchObject({ x: 10, y: 2 });
  });

  it('reports removals by id, forgets handles on a full frame, and ignores records for unknown handles', () => {
    const view = new ClientView();
    view.apply(frame(1, { full: true, added: [me, wolf], messages: [enter] }));
    expect(view.apply(frame(2, { removed: [2] }))).toEqual([{ event: 'proximity_roster_delta', data: { added: [], removed: ['w:1'], changed: [] } }]);
    expect(view.apply(frame(3, { moved: [{ handle: 2, x: 0, y: 0, z: 0, heading: 0, speed: 1 }] }))).toEqual([]);
    view.apply(frame(4, { added: [wolf] }));
    const full = view.apply(frame(5, { full: true, added: [me] }));
    expect(full).toEqual([
      { event: 'proximity_roster', data: { zoneId: 'zone-a', entities: [] } },
      { event: 'state_update', data: { character: expect.objectContaining({ moving: false }) } },
    ]);
  });
});
