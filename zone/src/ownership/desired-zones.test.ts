import { ownershipActions } from './desired-zones.js';

const record = (serverId: string, epoch: number) => ({ serverId, epoch, assignedAt: 0 });

describe('ownershipActions', () => {
  it.each([
    {
      name: 'static: claims every configured zone it does not own',
      mode: { kind: 'static' as const, zones: ['a', 'b'] },
      assignments: { a: record('other', 4) },
      owned: { b: { epoch: 2 } },
      expected: [{ kind: 'claim', zoneId: 'a' }],
    },
    {
      name: 'assigned: claims zones assigned to it at the assigned epoch',
      mode: { kind: 'assigned' as const },
      assignments: { a: record('me', 7), b: record('other', 3) },
      owned: {},
      expected: [{ kind: 'claim', zoneId: 'a', epoch: 7 }],
    },
    {
      name: 'assigned: re-claims when the operator bumped the epoch',
      mode: { kind: 'assigned' as const },
      assignments: { a: record('me', 9) },
      owned: { a: { epoch: 7 } },
      expected: [{ kind: 'claim', zoneId: 'a', epoch: 9 }],
    },
    {
      name: 'assigned: releases a zone assigned elsewhere',
      mode: { kind: 'assigned' as const },
      assignments: { a: record('other', 8) },
      owned: { a: { epoch: 7 } },
      expected: [{ kind: 'release', zoneId: 'a', epoch: 7 }],
    },
    {
      name: 'assigned: keeps an owned zone whose record vanished (Redis flushed)',
      mode: { kind: 'assigned' as const },
      assignments: {},
      owned: { a: { epoch: 7 } },
      expected: [],
    },
  ])('$name', ({ mode, assignments, owned, expected }) => {
    expect(ownershipActions('me', mode, new Map(Object.entries(assignments)), new Map(Object.entries(owned)))).toEqual(expected);
  });
});
