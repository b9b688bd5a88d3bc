import { decideParty, type Notice, type PartyRequest } from './party-rules.js';
import type { Party, PartyMember } from './party-types.js';

const limits = { maxSize: 3, inviteMs: 60_000 };
const NOW = 1_000_000;
const m = (name: string): PartyMember => ({ characterId: name.toLowerCase(), name });
const [alice, bob, carol, dave, erin] = ['Alice', 'Bob', 'Carol', 'Dave', 'Erin'].map(m) as [PartyMember, PartyMember, PartyMember, PartyMember, PartyMember];

function party(members: PartyMember[], invites: Array<[PartyMember, number?]> = [], leader = members[0]!): Party {
  return {
    id: 'p1',
    leaderId: leader.characterId,
    members,
    invites: invites.map(([who, expiresAt = NOW + 30_000]) => ({ ...who, invitedBy: leader.characterId, expiresAt })),
  };
}

/** Notices as `to: text` lines; refusals marked with `!`. */
const lines = (notices: Notice[]) => notices.map((n) => `${n.to}${n.refusal ? '!' : ''}: ${n.text}`);
const shape = (p: Party | null) =>
  p ? { leader: p.leaderId, members: p.members.map((x) => x.characterId), invites: p.invites.map((x) => x.characterId) } : null;

describe('decideParty', () => {
  it.each<[string, Party | null, PartyRequest, ReturnType<typeof shape> | 'same', string[]]>([
    [
      'invite without a party starts one, led by the inviter',
      null,
      { action: 'invite', actor: alice, target: bob, newPartyId: 'p1' },
      { leader: 'alice', members: ['alice'], invites: ['bob'] },
      ['alice: You invite Bob to your party.', 'bob: Alice invites you to join a party. Type /party accept or /party decline (within 60 s).'],
    ],
    [
      'invite tells the other members',
      party([alice, bob]),
      { action: 'invite', actor: alice, target: carol, newPartyId: 'x' },
      { leader: 'alice', members: ['alice', 'bob'], invites: ['carol'] },
      [
        'alice: You invite Carol to your party.',
        'carol: Alice invites you to join a party. Type /party accept or /party decline (within 60 s).',
        'bob: Alice invites Carol to the party.',
      ],
    ],
    [
      'only the leader invites',
      party([alice, bob]),
      { action: 'invite', actor: bob, target: carol, newPartyId: 'x' },
      'same',
      ['bob!: Only Alice, the party leader, can invite.'],
    ],
    ['not yourself', null, { action: 'invite', actor: alice, target: alice, newPartyId: 'p1' }, null, ['alice!: You cannot invite yourself.']],
    [
      'not a member again',
      party([alice, bob]),
      { action: 'invite', actor: alice, target: bob, newPartyId: 'x' },
      'same',
      ['alice!: Bob is already in your party.'],
    ],
    [
      'not someone in another party',
      null,
      { action: 'invite', actor: alice, target: { ...bob, partyId: 'p9' }, newPartyId: 'p1' },
      null,
      ['alice!: Bob is already in a party.'],
    ],
    [
      'not someone invited elsewhere',
      null,
      { action: 'invite', actor: alice, target: { ...bob, invitedTo: 'p9' }, newPartyId: 'p1' },
      null,
      ['alice!: Bob is considering another invitation; try again later.'],
    ],
    [
      'not twice',
      party([alice], [[bob]]),
      { action: 'invite', actor: alice, target: bob, newPartyId: 'x' },
      'same',
      ['alice!: Bob already has an invitation from your party.'],
    ],
    [
      'pending invitations count towards the size limit',
      party([alice, bob], [[carol]]),
      { action: 'invite', actor: alice, target: dave, newPartyId: 'x' },
      'same',
      ['alice!: Your party is full (2 members and 1 invited of 3).'],
    ],
    [
      'accept joins the party',
      party([alice, bob], [[carol]]),
      { action: 'accept', actor: carol },
      { leader: 'alice', members: ['alice', 'bob', 'carol'], invites: [] },
      ["carol: You join Alice's party. Party (3/3): Alice (leader), Bob, Carol.", 'alice: Carol joins the party.', 'bob: Carol joins the party.'],
    ],
    ['accept needs an invitation', party([alice, bob]), { action: 'accept', actor: carol }, 'same', ['carol!: You have no pending party invitation.']],
    [
      'accept after expiry is refused and the inviter told; a party of one with nothing pending dissolves',
      party([alice], [[bob, NOW - 1]]),
      { action: 'accept', actor: bob },
      null,
      ['alice: Your party invitation to Bob has expired.', 'bob!: That invitation has expired.'],
    ],
    [
      'accept while in a party',
      party([alice], [[bob]]),
      { action: 'accept', actor: bob, actorPartyId: 'p2' },
      'same',
      ['bob!: You are already in a party; /party leave it first.'],
    ],
    [
      'decline tells the inviter; the one-member party dissolves quietly',
      party([alice], [[bob]]),
      { action: 'decline', actor: bob },
      null,
      ["bob: You decline Alice's party invitation.", 'alice: Bob declines your party invitation.'],
    ],
    [
      'leave: a member goes',
      party([alice, bob, carol]),
      { action: 'leave', actor: bob },
      { leader: 'alice', members: ['alice', 'carol'], invites: [] },
      ['bob: You leave the party.', 'alice: Bob leaves the party.', 'carol: Bob leaves the party.'],
    ],
    [
      'leave: the leader goes and the longest-standing member leads',
      party([alice, bob, carol]),
      { action: 'leave', actor: alice },
      { leader: 'bob', members: ['bob', 'carol'], invites: [] },
      ['alice: You leave the party.', 'bob: Alice leaves the party. Bob leads the party now.', 'carol: Alice leaves the party. Bob leads the party now.'],
    ],
    [
      'leave: the last one left alone is told the party is gone',
      party([alice, bob]),
      { action: 'leave', actor: alice },
      null,
      ['alice: You leave the party.', 'bob: Alice leaves the party.', 'bob: The party disbands: everyone else has gone.'],
    ],
    [
      'leave: one member with an invitation out keeps the party',
      party([alice, bob], [[carol]]),
      { action: 'leave', actor: alice },
      { leader: 'bob', members: ['bob'], invites: ['carol'] },
      ['alice: You leave the party.', 'bob: Alice leaves the party.'],
    ],
    ['leave without a party', null, { action: 'leave', actor: alice }, null, ['alice!: You are not in a party.']],
    [
      'kick removes a member (any letter case)',
      party([alice, bob, carol]),
      { action: 'kick', actor: alice, name: 'BOB' },
      { leader: 'alice', members: ['alice', 'carol'], invites: [] },
      ['bob: Alice removes you from the party.', 'alice: Alice removes Bob from the party.', 'carol: Alice removes Bob from the party.'],
    ],
    [
      'kick withdraws an invitation',
      party([alice, bob], [[carol]]),
      { action: 'kick', actor: alice, name: 'carol' },
      { leader: 'alice', members: ['alice', 'bob'], invites: [] },
      ["alice: You withdraw Carol's invitation.", 'carol: Alice withdraws the party invitation.'],
    ],
    [
      'only the leader kicks',
      party([alice, bob, carol]),
      { action: 'kick', actor: bob, name: 'Carol' },
      'same',
      ['bob!: Only Alice, the party leader, can remove members.'],
    ],
    ['kick yourself', party([alice, bob]), { action: 'kick', actor: alice, name: 'alice' }, 'same', ['alice!: You cannot kick yourself; use /party leave.']],
    ['kick a stranger', party([alice, bob]), { action: 'kick', actor: alice, name: 'Erin' }, 'same', ['alice!: Nobody called Erin is in your party.']],
    [
      'disband ends it for everyone, invitees included',
      party([alice, bob], [[carol]]),
      { action: 'disband', actor: alice },
      null,
      ['alice: You disband the party.', 'bob: Alice disbands the party.', 'carol: Alice withdraws the party invitation.'],
    ],
    [
      'only the leader disbands',
      party([alice, bob]),
      { action: 'disband', actor: bob },
      'same',
      ['bob!: Only Alice, the party leader, can disband the party.'],
    ],
    [
      'show lists members and invitations',
      party([alice, bob], [[carol]]),
      { action: 'show', actor: bob },
      'same',
      ['bob: Party (2/3): Alice (leader), Bob. Invited: Carol (30 s left).'],
    ],
    [
      'show to an invitee explains the invitation',
      party([alice, bob], [[carol]]),
      { action: 'show', actor: carol },
      'same',
      ['carol: Alice invites you to a party (Alice, Bob): /party accept or /party decline (30 s left).'],
    ],
    ['show without a party', null, { action: 'show', actor: erin }, null, ['erin: You are not in a party. Start one with /party invite <name>.']],
  ])('%s', (_title, before, request, after, expected) => {
    const decision = decideParty(before, request, NOW, limits);
    expect(shape(decision.party)).toEqual(after === 'same' ? shape(before) : after);
    expect(lines(decision.notices)).toEqual(expected);
  });

  it('leaves the party object untouched when nothing changes, so callers can skip the write', () => {
    const before = party([alice, bob]);
    expect(decideParty(before, { action: 'kick', actor: bob, name: 'Alice' }, NOW, limits).party).toBe(before);
    expect(decideParty(before, { action: 'show', actor: alice }, NOW, limits).party).toBe(before);
  });

  it('a full party refuses the acceptance and drops the invitation', () => {
    const full = { ...party([alice, bob, carol], [[dave]]) };
    const decision = decideParty(full, { action: 'accept', actor: dave }, NOW, limits);
    expect(shape(decision.party)).toEqual({ leader: 'alice', members: ['alice', 'bob', 'carol'], invites: [] });
    expect(lines(decision.notices)).toEqual(['dave!: That party is full now.']);
  });
});
