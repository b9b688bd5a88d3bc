import type { Party, PartyInvite, PartyLimits, PartyMember } from './party-types.js';

/**
 * Party rules as pure functions: (party, request) → (party after, notices).
 * The party service supplies what it looked up (who the target is, whether
 * they are in a party already) and stores the result; nothing here does I/O.
 */

/** A line for one character. A notice with a `refusal` code is an error answer to what they asked. */
export interface Notice {
  to: string;
  text: string;
  refusal?: 'invalid_command' | 'not_found';
}

/** Another character as the service found them: whether they already belong to, or are invited into, some party. */
interface Candidate extends PartyMember {
  partyId?: string;
  invitedTo?: string;
}

export type PartyRequest =
  | { action: 'show'; actor: PartyMember }
  | { action: 'invite'; actor: PartyMember; target: Candidate; newPartyId: string }
  | { action: 'accept'; actor: PartyMember; actorPartyId?: string }
  | { action: 'decline'; actor: PartyMember }
  | { action: 'leave'; actor: PartyMember }
  | { action: 'kick'; actor: PartyMember; name: string }
  | { action: 'disband'; actor: PartyMember };

/** `party` is the party after the request: the same object when nothing changed, null when there is none (any more). */
export interface PartyDecision {
  party: Party | null;
  notices: Notice[];
}

/**
 * Applies one request. `party` is the actor's party, or for accept, decline and
 * show the party whose invitation they hold; `now` is wall-clock milliseconds.
 */
export function decideParty(party: Party | null, request: PartyRequest, now: number, limits: PartyLimits): PartyDecision {
  const expired = expireInvites(party, now);
  const decision = act(expired.party, request, now, limits, party);
  return settle(expired.party, { party: decision.party, notices: [...expired.notices, ...decision.notices] });
}

function act(party: Party | null, request: PartyRequest, now: number, limits: PartyLimits, unexpired: Party | null): PartyDecision {
  const { actor } = request;
  const refuse = (text: string, refusal: Notice['refusal'] = 'invalid_command'): PartyDecision => ({
    party,
    notices: [{ to: actor.characterId, text, refusal }],
  });
  const member = party !== null && isMember(party, actor.characterId);
  const leader = party && member ? memberById(party, party.leaderId) : undefined;

  switch (request.action) {
    case 'show':
      return { party, notices: [{ to: actor.characterId, text: describe(party, actor, now, limits) }] };

    case 'invite': {
      const { target } = request;
      if (target.characterId === actor.characterId) return refuse('You cannot invite yourself.');
      if (party && !member) return refuse('You are not in that party.');
      if (party && leader && party.leaderId !== actor.characterId) return refuse(`Only ${leader.name}, the party leader, can invite.`);
      if (party && isMember(party, target.characterId)) return refuse(`${target.name} is already in your party.`);
      if (target.partyId) return refuse(`${target.name} is already in a party.`);
      if (party?.invites.some((invite) => invite.characterId === target.characterId)) {
        return refuse(`${target.name} already has an invitation from your party.`);
      }
      if (target.invitedTo) return refuse(`${target.name} is considering another invitation; try again later.`);
      const base: Party = party ?? { id: request.newPartyId, leaderId: actor.characterId, members: [actor], invites: [] };
      const size = base.members.length + base.invites.length;
      if (size >= limits.maxSize) return refuse(`Your party is full (${base.members.length} members and ${base.invites.length} invited of ${limits.maxSize}).`);
      const invite: PartyInvite = { characterId: target.characterId, name: target.name, invitedBy: actor.characterId, expiresAt: now + limits.inviteMs };
      const seconds = Math.round(limits.inviteMs / 1000);
      return {
        party: { ...base, invites: [...base.invites, invite] },
        notices: [
          { to: actor.characterId, text: `You invite ${target.name} to your party.` },
          { to: target.characterId, text: `${actor.name} invites you to join a party. Type /party accept or /party decline (within ${seconds} s).` },
          ...others(base, actor.characterId).map((m) => ({ to: m.characterId, text: `${actor.name} invites ${target.name} to the party.` })),
        ],
      };
    }

    case 'accept': {
      const invite = party?.invites.find((i) => i.characterId === actor.characterId);
      if (!party || !invite) {
        const lapsed = unexpired?.invites.some((i) => i.characterId === actor.characterId);
        return refuse(lapsed ? 'That invitation has expired.' : 'You have no pending party invitation.');
      }
      if (request.actorPartyId) return refuse('You are already in a party; /party leave it first.');
      const rest = { ...party, invites: party.invites.filter((i) => i !== invite) };
      if (party.members.length >= limits.maxSize) {
        return { party: rest, notices: [{ to: actor.characterId, text: 'That party is full now.', refusal: 'invalid_command' }] };
      }
      const joined: Party = { ...rest, members: [...party.members, actor] };
      const leaderName = memberById(party, party.leaderId)?.name ?? 'the';
      return {
        party: joined,
        notices: [
          { to: actor.characterId, text: `You join ${leaderName}'s party. ${roll(joined, limits)}` },
          ...others(party, actor.characterId).map((m) => ({ to: m.characterId, text: `${actor.name} joins the party.` })),
        ],
      };
    }

    case 'decline': {
      const invite = party?.invites.find((i) => i.characterId === actor.characterId);
      if (!party || !invite) return refuse('You have no pending party invitation.');
      const inviter = memberById(party, invite.invitedBy);
      return {
        party: { ...party, invites: party.invites.filter((i) => i !== invite) },
        notices: [
          { to: actor.characterId, text: `You decline ${inviter ? `${inviter.name}'s` : 'the'} party invitation.` },
          ...(inviter ? [{ to: inviter.characterId, text: `${actor.name} declines your party invitation.` }] : []),
        ],
      };
    }

    case 'leave': {
      if (!party || !member) return refuse('You are not in a party.');
      const members = party.members.filter((m) => m.characterId !== actor.characterId);
      const successor = party.leaderId === actor.characterId ? members[0] : undefined;
      const after: Party = { ...party, members, leaderId: successor?.characterId ?? party.leaderId };
      const handover = successor && members.length > 1 ? ` ${successor.name} leads the party now.` : '';
      return {
        party: after,
        notices: [
          { to: actor.characterId, text: 'You leave the party.' },
          ...members.map((m) => ({ to: m.characterId, text: `${actor.name} leaves the party.${handover}` })),
        ],
      };
    }

    case 'kick': {
      if (!party || !member) return refuse('You are not in a party.');
      if (party.leaderId !== actor.characterId) return refuse(`Only ${leader?.name ?? 'the leader'}, the party leader, can remove members.`);
      const wanted = request.name.toLowerCase();
      if (wanted === actor.name.toLowerCase()) return refuse('You cannot kick yourself; use /party leave.');
      const kicked = party.members.find((m) => m.name.toLowerCase() === wanted);
      if (kicked) {
        const members = party.members.filter((m) => m !== kicked);
        return {
          party: { ...party, members },
          notices: [
            { to: kicked.characterId, text: `${actor.name} removes you from the party.` },
            ...members.map((m) => ({ to: m.characterId, text: `${actor.name} removes ${kicked.name} from the party.` })),
          ],
        };
      }
      const invite = party.invites.find((i) => i.name.toLowerCase() === wanted);
      if (invite) {
        return {
          party: { ...party, invites: party.invites.filter((i) => i !== invite) },
          notices: [
            { to: actor.characterId, text: `You withdraw ${invite.name}'s invitation.` },
            { to: invite.characterId, text: `${actor.name} withdraws the party invitation.` },
          ],
        };
      }
      return refuse(`Nobody called ${request.name} is in your party.`, 'not_found');
    }

    case 'disband': {
      if (!party || !member) return refuse('You are not in a party.');
      if (party.leaderId !== actor.characterId) return refuse(`Only ${leader?.name ?? 'the leader'}, the party leader, can disband the party.`);
      return {
        party: null,
        notices: [
          { to: actor.characterId, text: 'You disband the party.' },
          ...others(party, actor.characterId).map((m) => ({ to: m.characterId, text: `${actor.name} disbands the party.` })),
          ...party.invites.map((i) => ({ to: i.characterId, text: `${actor.name} withdraws the party invitation.` })),
        ],
      };
    }
  }
}

/** Drops invitations past their time and tells whoever sent them. */
function expireInvites(party: Party | null, now: number): PartyDecision {
  if (!party) return { party, notices: [] };
  const lapsed = party.invites.filter((invite) => invite.expiresAt <= now);
  if (lapsed.length === 0) return { party, notices: [] };
  return {
    party: { ...party, invites: party.invites.filter((invite) => invite.expiresAt > now) },
    notices: lapsed.map((invite) => ({ to: invite.invitedBy, text: `Your party invitation to ${invite.name} has expired.` })),
  };
}

/**
 * A party needs two people, or one with an invitation out: anything less
 * dissolves. Whoever is left alone after others went is told.
 */
function settle(before: Party | null, decision: PartyDecision): PartyDecision {
  const after = decision.party;
  if (!after) return decision;
  const viable = after.members.length >= 2 || (after.members.length === 1 && after.invites.length > 0);
  if (viable) return decision;
  const notices = [...decision.notices];
  const last = after.members[0];
  if (last && before && before.members.length >= 2) notices.push({ to: last.characterId, text: 'The party disbands: everyone else has gone.' });
  return { party: null, notices };
}

export function isMember(party: Party, characterId: string): boolean {
  return party.members.some((m) => m.characterId === characterId);
}

function memberById(party: Party, characterId: string): PartyMember | undefined {
  return party.members.find((m) => m.characterId === characterId);
}

function others(party: Party, characterId: string): PartyMember[] {
  return party.members.filter((m) => m.characterId !== characterId);
}

/** "Party (2/5): Alice (leader), Bob." */
function roll(party: Party, limits: PartyLimits): string {
  const names = party.members.map((m) => (m.characterId === party.leaderId ? `${m.name} (leader)` : m.name));
  return `Party (${party.members.length}/${limits.maxSize}): ${names.join(', ')}.`;
}

function describe(party: Party | null, actor: PartyMember, now: number, limits: PartyLimits): string {
  const left = (invite: PartyInvite) => `${Math.max(0, Math.ceil((invite.expiresAt - now) / 1000))} s left`;
  if (party && isMember(party, actor.characterId)) {
    const invited = party.invites.length > 0 ? ` Invited: ${party.invites.map((i) => `${i.name} (${left(i)})`).join(', ')}.` : '';
    return `${roll(party, limits)}${invited}`;
  }
  const invite = party?.invites.find((i) => i.characterId === actor.characterId);
  if (party && invite) {
    const from = memberById(party, invite.invitedBy)?.name ?? 'Someone';
    return `${from} invites you to a party (${party.members.map((m) => m.name).join(', ')}): /party accept or /party decline (${left(invite)}).`;
  }
  return 'You are not in a party. Start one with /party invite <name>.';
}
