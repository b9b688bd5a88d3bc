import { InMemoryBus, type MessageBus } from '@aether/shared';
import type { PartyRecord, PartyRepository } from '@aether/shared/db';
import type { PartyAction } from '../commands/events.js';
import { PartyKeys } from './party-keys.js';
import type { Notice } from './party-rules.js';
import { PartyService } from './party-service.js';

/** A party action without its `type`, per action (a plain Omit would flatten the union). */
type Bare = { [A in PartyAction['action']]: Omit<Extract<PartyAction, { action: A }>, 'type'> }[PartyAction['action']];

const people = ['Alice', 'Bob', 'Carol', 'Dave', 'Erin', 'Frank', 'Grace', 'Heidi', 'Ivan', 'Judy', 'Ken'];
const member = (name: string) => ({ characterId: name.toLowerCase(), name });

/** PostgreSQL's copy of membership, as the repository keeps it. */
function memoryStore(): PartyRepository & { parties: Map<string, PartyRecord> } {
  const parties = new Map<string, PartyRecord>();
  return {
    parties,
    save: async ({ id, leaderId, memberIds }) =>
      void parties.set(id, { id, leaderId, members: memberIds.map((characterId) => member(people.find((p) => p.toLowerCase() === characterId)!)) }),
    remove: async (id) => void parties.delete(id),
    findByMember: async (characterId) => [...parties.values()].find((p) => p.members.some((m) => m.characterId === characterId)) ?? null,
  };
}

function setup(
  options: { maxSize?: number; offline?: string[]; bus?: MessageBus; lock?: { ttlMs: number; waitMs: number; retryMs: number }; store?: PartyRepository } = {},
) {
  const bus = options.bus ?? new InMemoryBus({ source: 'test' });
  let clock = 1_000_000;
  let ids = 0;
  const service = new PartyService({
    bus,
    characters: {
      findByName: async (name) => {
        const found = people.find((p) => p.toLowerCase() === name.toLowerCase());
        return found ? { id: found.toLowerCase(), name: found } : null;
      },
    },
    limits: { maxSize: options.maxSize ?? 5, inviteMs: 60_000 },
    isOnline: async (id) => !(options.offline ?? []).includes(id),
    now: () => clock,
    newId: () => `p${++ids}`,
    ...(options.lock ? { lock: options.lock } : {}),
    ...(options.store ? { store: options.store } : {}),
  });
  const act = async (who: string, action: Bare) => (await service.act(member(who), { type: 'party_action', ...action } as PartyAction)).notices;
  return { bus, service, act, advance: (ms: number) => (clock += ms) };
}

const texts = (notices: Notice[], to: string) => notices.filter((n) => n.to === to).map((n) => `${n.refusal ? '! ' : ''}${n.text}`);

describe('PartyService', () => {
  it('stores membership changes, and rebuilds a party the bus lost from the store', async () => {
    const store = memoryStore();
    const { bus, act } = setup({ store });
    await act('Alice', { action: 'invite', name: 'bob' });
    // An invitation alone is not kept past a flush: the party of one is stored, and dropped on a rebuild.
    expect([...store.parties.values()].map((p) => p.members.map((m) => m.name))).toEqual([['Alice']]);
    await act('Bob', { action: 'accept' });
    expect(store.parties.get('p1')?.members.map((m) => m.name)).toEqual(['Alice', 'Bob']);

    for (const key of await bus.keys('party:')) await bus.del(key);
    expect(texts(await act('Bob', { action: 'show' }), 'bob')).toEqual(['Party (2/5): Alice (leader), Bob.']);
    // Rebuilt for every member, not just the one who asked.
    expect(await bus.get(PartyKeys.member('alice'))).toBe('p1');

    await act('Alice', { action: 'leave' });
    expect(store.parties.size).toBe(0);
    for (const key of await bus.keys('party:')) await bus.del(key);
    expect(texts(await act('Bob', { action: 'show' }), 'bob')[0]).not.toContain('Party (');
  });

  it('does not rebuild a stored party of one', async () => {
    const store = memoryStore();
    const { bus, act } = setup({ store });
    await act('Alice', { action: 'invite', name: 'bob' });
    for (const key of await bus.keys('party:')) await bus.del(key);
    expect(texts(await act('Alice', { action: 'show' }), 'alice')[0]).not.toContain('Party (');
    expect(store.parties.size).toBe(0);
  });

  it('invite, accept, leave: state lives in the bus keys', async () => {
    const { bus, service, act } = setup();
    expect(texts(await act('Alice', { action: 'invite', name: 'bob' }), 'alice')).toEqual(['You invite Bob to your party.']);
    expect(await bus.get(PartyKeys.member('alice'))).toBe('p1');
    expect(await bus.get(PartyKeys.invite('bob'))).toBe('p1');

    const joined = await act('Bob', { action: 'accept' });
    expect(texts(joined, 'alice')).toEqual(['Bob joins the party.']);
    expect(await bus.get(PartyKeys.member('bob'))).toBe('p1');
    expect(await bus.get(PartyKeys.invite('bob'))).toBeNull();
    expect((await service.partyOf('bob'))?.members.map((m) => m.name)).toEqual(['Alice', 'Bob']);

    // The leader leaves; with one member left the party is gone, and so are its keys.
    await act('Alice', { action: 'leave' });
    expect(await service.partyOf('bob')).toBeNull();
    expect(await bus.keys('party:')).toEqual([]);
  });

  it.each([
    [{ action: 'invite', name: 'Nobody' }, '! No one is called Nobody.'],
    [{ action: 'invite', name: 'Dave' }, '! Dave is not online.'],
    [{ action: 'accept' }, '! You have no pending party invitation.'],
    [{ action: 'decline' }, '! You have no pending party invitation.'],
    [{ action: 'leave' }, '! You are not in a party.'],
    [{ action: 'kick', name: 'Bob' }, '! You are not in a party.'],
    [{ action: 'disband' }, '! You are not in a party.'],
    [{ action: 'show' }, 'You are not in a party. Start one with /party invite <name>.'],
  ])('%j without a party: %s', async (action, line) => {
    const { act, bus } = setup({ offline: ['dave'] });
    expect(texts(await act('Alice', action as Bare), 'alice')).toEqual([line]);
    expect(await bus.keys('party:')).toEqual([]);
  });

  it('an invitation expires with its key; a late accept finds nothing', async () => {
    const bus = new InMemoryBus({ source: 'test', now: () => clock });
    let clock = 0;
    const { act } = setup({ bus });
    await act('Alice', { action: 'invite', name: 'Bob' });
    clock += 60_001;
    expect(texts(await act('Bob', { action: 'accept' }), 'bob')).toEqual(['! You have no pending party invitation.']);
  });

  it('disband clears every member and invitation key', async () => {
    const { act, bus } = setup();
    await act('Alice', { action: 'invite', name: 'Bob' });
    await act('Bob', { action: 'accept' });
    await act('Alice', { action: 'invite', name: 'Carol' });
    const notices = await act('Alice', { action: 'disband' });
    expect(texts(notices, 'bob')).toEqual(['Alice disbands the party.']);
    expect(texts(notices, 'carol')).toEqual(['Alice withdraws the party invitation.']);
    expect(await bus.keys('party:')).toEqual([]);
  });

  it('the size limit holds when many invitations race (one writer per party)', async () => {
    const { act, service } = setup({ maxSize: 5 });
    await act('Alice', { action: 'invite', name: 'Bob' });
    const results = await Promise.all(people.slice(2).map((name) => act('Alice', { action: 'invite', name })));
    const invited = results.filter((notices) => texts(notices, 'alice')[0]?.startsWith('You invite'));
    expect(invited).toHaveLength(3);
    const party = await service.read('p1');
    expect(party.party!.members.length + party.party!.invites.length).toBe(5);
  });

  it('a character can join only one party, even when two parties race for them', async () => {
    const { act, service } = setup();
    await act('Alice', { action: 'invite', name: 'Carol' });
    await act('Bob', { action: 'invite', name: 'Carol' }); // refused: Carol holds Alice's invitation
    await Promise.all([act('Carol', { action: 'accept' }), act('Carol', { action: 'accept' }), act('Dave', { action: 'invite', name: 'Carol' })]);
    expect((await service.partyOf('carol'))?.members.map((m) => m.name)).toEqual(['Alice', 'Carol']);
    expect(await service.partyOf('bob')).toBeNull();
  });

  it('a party whose lock is held elsewhere answers "busy" rather than waiting forever', async () => {
    const { act, bus } = setup({ lock: { ttlMs: 5_000, waitMs: 50, retryMs: 10 } });
    await act('Alice', { action: 'invite', name: 'Bob' });
    await bus.set(PartyKeys.lock('p1'), 'someone else', { ttlMs: 5_000 });
    expect(texts(await act('Bob', { action: 'accept' }), 'bob')).toEqual(['! The party is busy; try again in a moment.']);
    await bus.del(PartyKeys.lock('p1'));
    expect(texts(await act('Bob', { action: 'accept' }), 'bob')[0]).toMatch(/^You join Alice's party/);
  });

  it('a writer whose lock lapsed cannot overwrite a newer party (compare-and-set)', async () => {
    const inner = new InMemoryBus({ source: 'test' });
    let sneak = false;
    // Another writer changes the record between this writer's read and its write.
    const bus: MessageBus = Object.assign(Object.create(inner) as MessageBus, {
      setIfEqual: async (key: string, expected: string, value: string, ttlMs?: number) => {
        if (sneak && key === PartyKeys.party('p1')) await inner.set(key, expected.replace('"invites":[', '"invites":[ '));
        return inner.setIfEqual(key, expected, value, ttlMs);
      },
    });
    const { act, bus: used } = setup({ bus });
    await act('Alice', { action: 'invite', name: 'Bob' });
    sneak = true;
    expect(texts(await act('Bob', { action: 'accept' }), 'bob')).toEqual(['! The party changed meanwhile; try again.']);
    // The claim made before the failed write was undone.
    expect(await used.get(PartyKeys.member('bob'))).toBeNull();
  });

  it('a membership key left pointing at a vanished party is cleared, not trusted', async () => {
    const { act, bus } = setup();
    await bus.set(PartyKeys.member('alice'), 'gone');
    expect(texts(await act('Alice', { action: 'leave' }), 'alice')).toEqual(['! You are not in a party.']);
    expect(await bus.get(PartyKeys.member('alice'))).toBeNull();
    expect(texts(await act('Alice', { action: 'invite', name: 'Bob' }), 'alice')).toEqual(['You invite Bob to your party.']);
  });
});
