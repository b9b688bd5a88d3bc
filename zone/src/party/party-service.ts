import { randomUUID } from 'node:crypto';
import type { MessageBus } from '@aether/shared';
import type { PartyRepository } from '@aether/shared/db';
import type { CharacterLookup } from '../chat/character-lookup.js';
import type { PartyAction } from '../commands/events.js';
import { PartyKeys } from './party-keys.js';
import { decideParty, isMember, type Notice, type PartyDecision, type PartyRequest } from './party-rules.js';
import { Party, type PartyLimits, type PartyMember } from './party-types.js';

export interface PartyServiceOptions {
  bus: MessageBus;
  characters: CharacterLookup;
  limits: PartyLimits;
  /** Is the character in the world right now (has a `player:location`)? */
  isOnline(characterId: string): Promise<boolean>;
  now?: () => number;
  newId?: () => string;
  /** How long the per-party lock is held at most, and how long to wait for it. */
  lock?: { ttlMs: number; waitMs: number; retryMs: number };
  onMalformed?: (key: string, error: unknown) => void;
  /**
   * The copy of membership that survives a Redis flush (PostgreSQL): written
   * after every membership change, read when a character's membership key is
   * missing. Absent: parties live in the bus alone.
   */
  store?: PartyRepository;
}

/** What one party command did: lines for players, and the party before and after (for allies updates). */
export interface PartyOutcome {
  notices: Notice[];
  before: Party | null;
  after: Party | null;
}

/** The party's lock could not be had in time, or a racing writer won; the player is told to try again. */
class PartyConflict extends Error {}

const DEFAULT_LOCK = { ttlMs: 5_000, waitMs: 2_000, retryMs: 15 };

/**
 * Parties over the MessageBus key space, so members on any zone server share
 * one party. The rules are pure (`party-rules.ts`); this shell looks things
 * up, decides, and stores the outcome.
 *
 * Concurrency: one writer per party at a time. A writer takes
 * `party:lock:{id}` with SET NX PX (5 s, far longer than the few round trips
 * a change takes) and releases it with delete-if-still-mine. Two further
 * guards cover what a lock cannot:
 * - membership and invitation index keys are claimed with SET NX, so a
 *   character cannot end up in two parties even when two different parties
 *   (two different locks) race for them;
 * - the party record is written with compare-and-set against the value read
 *   under the lock, so a writer whose lock expired mid-change (a long GC
 *   pause) fails instead of overwriting a newer party.
 * A loser gets "try again"; nothing is left half-written.
 */
export class PartyService {
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly lock: { ttlMs: number; waitMs: number; retryMs: number };

  constructor(private readonly options: PartyServiceOptions) {
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? randomUUID;
    this.lock = options.lock ?? DEFAULT_LOCK;
  }

  async act(actor: PartyMember, action: PartyAction): Promise<PartyOutcome> {
    try {
      return await this.dispatch(actor, action);
    } catch (error) {
      if (!(error instanceof PartyConflict)) throw error;
      return { notices: [{ to: actor.characterId, text: error.message, refusal: 'invalid_command' }], before: null, after: null };
    }
  }

  /** The party a character belongs to, if any. */
  async partyOf(characterId: string): Promise<Party | null> {
    const partyId = await this.options.bus.get(PartyKeys.member(characterId));
    if (!partyId) return null;
    const party = (await this.read(partyId)).party;
    return party && isMember(party, characterId) ? party : null;
  }

  /** Reads a party record; a missing or unreadable one is no party. */
  async read(partyId: string): Promise<{ party: Party | null; raw: string | null }> {
    const raw = await this.options.bus.get(PartyKeys.party(partyId));
    if (raw === null) return { party: null, raw };
    try {
      return { party: Party.parse(JSON.parse(raw)), raw };
    } catch (error) {
      this.options.onMalformed?.(PartyKeys.party(partyId), error);
      return { party: null, raw };
    }
  }

  private async dispatch(actor: PartyMember, action: PartyAction): Promise<PartyOutcome> {
    const refuse = (text: string, refusal: Notice['refusal'] = 'invalid_command'): PartyOutcome => ({
      notices: [{ to: actor.characterId, text, refusal }],
      before: null,
      after: null,
    });
    switch (action.action) {
      case 'show': {
        const partyId = (await this.ownPartyId(actor.characterId)) ?? (await this.options.bus.get(PartyKeys.invite(actor.characterId)));
        const party = partyId ? (await this.read(partyId)).party : null;
        // Showing never writes: an expired invitation just is not shown.
        const { notices } = decideParty(party, { action: 'show', actor }, this.now(), this.options.limits);
        return { notices: notices.filter((n) => n.to === actor.characterId), before: party, after: party };
      }
      case 'invite': {
        const found = await this.options.characters.findByName(action.name);
        if (!found) return refuse(`No one is called ${action.name}.`, 'not_found');
        if (found.id !== actor.characterId && !(await this.options.isOnline(found.id))) return refuse(`${found.name} is not online.`, 'not_found');
        const [ownId, targetPartyId, invitedTo] = await Promise.all([
          this.ownPartyId(actor.characterId),
          this.ownPartyId(found.id),
          this.options.bus.get(PartyKeys.invite(found.id)),
        ]);
        const partyId = ownId ?? this.newId();
        const target = { characterId: found.id, name: found.name, ...(targetPartyId ? { partyId: targetPartyId } : {}), ...(invitedTo ? { invitedTo } : {}) };
        return this.change(partyId, { action: 'invite', actor, target, newPartyId: partyId });
      }
      case 'accept':
      case 'decline': {
        const partyId = await this.options.bus.get(PartyKeys.invite(actor.characterId));
        if (!partyId) return refuse('You have no pending party invitation.');
        if (action.action === 'decline') return this.change(partyId, { action: 'decline', actor });
        const actorPartyId = await this.ownPartyId(actor.characterId);
        return this.change(partyId, { action: 'accept', actor, ...(actorPartyId ? { actorPartyId } : {}) });
      }
      case 'leave':
      case 'kick':
      case 'disband': {
        const partyId = await this.ownPartyId(actor.characterId);
        if (!partyId) return refuse('You are not in a party.');
        const request: PartyRequest = action.action === 'kick' ? { action: 'kick', actor, name: action.name } : { action: action.action, actor };
        return this.change(partyId, request);
      }
    }
  }

  /**
   * The id in the character's membership key, if the party still lists them.
   * A key left behind (a crash between writes) is cleared on the way; a key
   * missing altogether (Redis lost its data) is rebuilt from the store.
   */
  private async ownPartyId(characterId: string): Promise<string | null> {
    const partyId = await this.options.bus.get(PartyKeys.member(characterId));
    if (!partyId) return this.restore(characterId);
    const { party } = await this.read(partyId);
    if (party && isMember(party, characterId)) return partyId;
    await this.options.bus.deleteIfEqual(PartyKeys.member(characterId), partyId);
    return null;
  }

  /**
   * Puts a stored party back on the bus: the record (invitations are not
   * stored: they were short-lived anyway) and every member's key, each only
   * where nothing is there, so a party formed on the bus meanwhile wins.
   * Only party commands get here (not the allies gauges, which run often):
   * the first member to use one brings the party back for all of them.
   */
  private async restore(characterId: string): Promise<string | null> {
    const { store, bus } = this.options;
    if (!store) return null;
    const stored = await store.findByMember(characterId);
    if (!stored) return null;
    if (stored.members.length < 2) {
      // A party of one lasted only while its invitation was out, and those are not kept.
      await store.remove(stored.id);
      return null;
    }
    const party: Party = { id: stored.id, leaderId: stored.leaderId, members: stored.members, invites: [] };
    await this.locked(party.id, async () => {
      await bus.set(PartyKeys.party(party.id), JSON.stringify(party), { onlyIfAbsent: true });
      await Promise.all(party.members.map((member) => bus.set(PartyKeys.member(member.characterId), party.id, { onlyIfAbsent: true })));
    });
    const [memberOf, { party: current }] = await Promise.all([bus.get(PartyKeys.member(characterId)), this.read(party.id)]);
    return memberOf === party.id && current && isMember(current, characterId) ? party.id : null;
  }

  /** Read, decide, write: under the party's lock. */
  private change(partyId: string, request: PartyRequest): Promise<PartyOutcome> {
    return this.locked(partyId, async () => {
      const { party: before, raw } = await this.read(partyId);
      const decision = decideParty(before, request, this.now(), this.options.limits);
      if (decision.party !== before) await this.store(partyId, before, raw, decision);
      return { notices: decision.notices, before, after: decision.party };
    });
  }

  private async locked<T>(partyId: string, work: () => Promise<T>): Promise<T> {
    const { bus } = this.options;
    const key = PartyKeys.lock(partyId);
    const token = randomUUID();
    const deadline = Date.now() + this.lock.waitMs;
    while (!(await bus.set(key, token, { onlyIfAbsent: true, ttlMs: this.lock.ttlMs }))) {
      if (Date.now() >= deadline) throw new PartyConflict('The party is busy; try again in a moment.');
      await new Promise((resolve) => setTimeout(resolve, this.lock.retryMs));
    }
    try {
      return await work();
    } finally {
      await bus.deleteIfEqual(key, token).catch(() => undefined);
    }
  }

  /** Claims first (all or nothing), then the record (compare-and-set), then releases what the party no longer holds. */
  private async store(partyId: string, before: Party | null, raw: string | null, decision: PartyDecision): Promise<void> {
    const { bus } = this.options;
    const after = decision.party;
    const membersBefore = new Set(before?.members.map((m) => m.characterId));
    const membersAfter = new Set(after?.members.map((m) => m.characterId));
    const invitesBefore = new Set(before?.invites.map((i) => i.characterId));
    const now = this.now();

    const claimed: string[] = [];
    const undo = () => Promise.all(claimed.map((key) => bus.deleteIfEqual(key, partyId)));
    for (const member of after?.members ?? []) {
      if (membersBefore.has(member.characterId)) continue;
      const key = PartyKeys.member(member.characterId);
      if (!(await bus.set(key, partyId, { onlyIfAbsent: true }))) {
        await undo();
        throw new PartyConflict(`${member.name} is already in a party.`);
      }
      claimed.push(key);
    }
    for (const invite of after?.invites ?? []) {
      if (invitesBefore.has(invite.characterId)) continue;
      const key = PartyKeys.invite(invite.characterId);
      const ttlMs = Math.max(1, Math.ceil(invite.expiresAt - now));
      if (!(await bus.set(key, partyId, { onlyIfAbsent: true, ttlMs }))) {
        await undo();
        throw new PartyConflict(`${invite.name} is considering another invitation; try again later.`);
      }
      claimed.push(key);
    }

    const recordKey = PartyKeys.party(partyId);
    const text = after ? JSON.stringify(after) : null;
    const written =
      text === null
        ? raw === null || (await bus.deleteIfEqual(recordKey, raw))
        : raw === null
          ? await bus.set(recordKey, text, { onlyIfAbsent: true })
          : await bus.setIfEqual(recordKey, raw, text);
    if (!written) {
      await undo();
      throw new PartyConflict('The party changed meanwhile; try again.');
    }

    const stillInvited = new Set(after?.invites.map((i) => i.characterId));
    await Promise.all([
      ...[...membersBefore].filter((id) => !membersAfter.has(id)).map((id) => bus.deleteIfEqual(PartyKeys.member(id), partyId)),
      ...[...invitesBefore].filter((id) => !stillInvited.has(id)).map((id) => bus.deleteIfEqual(PartyKeys.invite(id), partyId)),
    ]);
    await this.keep(partyId, before, after);
  }

  /** Mirrors a membership or leader change to the store (invitations alone are not kept). */
  private async keep(partyId: string, before: Party | null, after: Party | null): Promise<void> {
    const { store } = this.options;
    if (!store) return;
    const ids = (party: Party | null) => party?.members.map((m) => m.characterId).join(',') ?? '';
    if (before?.leaderId === after?.leaderId && ids(before) === ids(after)) return;
    if (after) await store.save({ id: partyId, leaderId: after.leaderId, memberIds: after.members.map((m) => m.characterId) });
    else await store.remove(partyId);
  }
}
