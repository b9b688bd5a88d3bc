import type { ClientMessage, MessageBus } from '@aether/shared';
import type { PlayerMessenger } from '../chat/player-messenger.js';
import { AllyVitals, alliesFor } from './allies.js';
import type { VitalsEffect } from './party-effects.js';
import { PartyKeys } from './party-keys.js';
import type { Party } from './party-types.js';

export interface AlliesPublisherOptions {
  bus: MessageBus;
  messenger: PlayerMessenger;
  /** The party a character belongs to (the party service's `partyOf`). */
  partyOf(characterId: string): Promise<Party | null>;
  now?: () => number;
  /** Vitals are rewritten at least this often even when unchanged, so their TTL only lapses for a host that died. */
  refreshMs?: number;
  ttlMs?: number;
  /** A character gone from its zone whose location never clears (a missed leave) stops being watched after this. */
  departureWatchMs?: number;
  /**
   * The party (id, or null) of a character in `zoneId` whose vitals changed, as just read: how the zone
   * learns memberships decided elsewhere (another server's /party kick), and a new arrival's.
   */
  onMembership?: (characterId: string, zoneId: string, partyId: string | null) => void;
}

/**
 * `state_update.allies` across zone hosts. Each host writes the vitals of
 * the players it simulates to `player:vitals:{id}` (only on change, plus a
 * TTL refresh); for every party with a change it reads all members' vitals
 * (from whichever host wrote them) and sends each online member the others'
 * gauges through their gateway. Nothing is subscribed per party, so a member
 * on another server is reached the same way as one next door.
 */
export class AlliesPublisher {
  private readonly published = new Map<string, { text: string; at: number; zoneId: string }>();
  private readonly departing = new Map<string, number>();
  private readonly now: () => number;
  private readonly refreshMs: number;
  private readonly ttlMs: number;
  private readonly departureWatchMs: number;

  constructor(private readonly options: AlliesPublisherOptions) {
    this.now = options.now ?? Date.now;
    this.refreshMs = options.refreshMs ?? 5_000;
    this.ttlMs = options.ttlMs ?? 15_000;
    this.departureWatchMs = options.departureWatchMs ?? 30_000;
  }

  /** One zone's sample: store what changed, then tell the parties it touches. */
  async onSample(sample: VitalsEffect): Promise<void> {
    const { bus } = this.options;
    const now = this.now();
    const changed = new Set<string>();
    const present = new Set<string>();
    await Promise.all(
      sample.players.map(async (vitals) => {
        present.add(vitals.characterId);
        this.departing.delete(vitals.characterId);
        const text = JSON.stringify(vitals);
        const last = this.published.get(vitals.characterId);
        if (last?.text === text && now - last.at < this.refreshMs) return;
        this.published.set(vitals.characterId, { text, at: now, zoneId: sample.zoneId });
        await bus.set(PartyKeys.vitals(vitals.characterId), text, { ttlMs: this.ttlMs });
        if (last?.text !== text) changed.add(vitals.characterId);
      }),
    );
    for (const [characterId, last] of this.published) {
      if (last.zoneId !== sample.zoneId || present.has(characterId)) continue;
      this.published.delete(characterId);
      this.departing.set(characterId, now);
    }
    for (const characterId of await this.offline(now)) changed.add(characterId);

    const parties = new Map<string, Party>();
    for (const characterId of changed) {
      const party = await this.options.partyOf(characterId);
      if (party) parties.set(party.id, party);
      if (present.has(characterId)) this.options.onMembership?.(characterId, sample.zoneId, party?.id ?? null);
    }
    for (const party of parties.values()) await this.pushParty(party);
  }

  /**
   * Sends every online member of `party` the others' gauges, and an empty
   * list to `dropped` (characters who just left it).
   */
  async pushParty(party: Party | null, dropped: readonly string[] = []): Promise<void> {
    const messages: ClientMessage[] = dropped.map((characterId) => ({ characterId, event: 'state_update', data: { allies: [] } }));
    if (party) {
      const vitals = await this.vitalsOf(party.members.map((m) => m.characterId));
      for (const member of party.members) {
        if (!vitals.has(member.characterId)) continue;
        messages.push({ characterId: member.characterId, event: 'state_update', data: { allies: alliesFor(party, member.characterId, vitals) } });
      }
    }
    if (messages.length > 0) await this.options.messenger.deliver(messages);
  }

  /**
   * Characters who left one of our zones and whose location has cleared since:
   * they logged out, so their vitals go and the party sees them offline. One
   * who crossed into another zone keeps a location and is left to that zone.
   */
  private async offline(now: number): Promise<string[]> {
    const gone: string[] = [];
    for (const [characterId, since] of this.departing) {
      if (now - since > this.departureWatchMs) {
        this.departing.delete(characterId);
        continue;
      }
      if (await this.options.messenger.locate(characterId)) continue;
      this.departing.delete(characterId);
      await this.options.bus.del(PartyKeys.vitals(characterId));
      gone.push(characterId);
    }
    return gone;
  }

  private async vitalsOf(characterIds: readonly string[]): Promise<Map<string, AllyVitals>> {
    const found = new Map<string, AllyVitals>();
    await Promise.all(
      characterIds.map(async (characterId) => {
        const text = await this.options.bus.get(PartyKeys.vitals(characterId));
        if (text === null) return;
        const parsed = AllyVitals.safeParse(safeJson(text));
        if (parsed.success) found.set(characterId, parsed.data);
      }),
    );
    return found;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
