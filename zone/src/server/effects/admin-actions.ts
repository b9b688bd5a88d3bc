import { Channels, type ClientMessage, type ErrorCode, type MessageBus, type PlayerLocation } from '@aether/shared';
import type { AccountStanding, AuditLogRepository, ModerationRepository, SpeciesRecord } from '@aether/shared/db';
import type { Logger } from '@aether/shared/observability';
import type { AdminEffect } from '../../commands/admin-effect.js';
import { PERMANENT_BAN_UNTIL } from '../../admin/ban.js';
import { utc } from '../../chat/chat-allowance.js';
import type { AdminAction } from '../../commands/events.js';
import { gameEvent, type ZoneDef } from '../../world/types.js';
import type { ZoneSafetyMetrics } from '../safety-metrics.js';
import type { EffectHandlers } from './effect-router.js';

export interface AdminDeps {
  bus: MessageBus;
  /** Where a character plays now (`player:location:{id}`), or null when offline. */
  locate(characterId: string): Promise<PlayerLocation | null>;
  /** Sends messages to characters wherever they play (PlayerMessenger.deliver). */
  deliver(messages: readonly ClientMessage[]): Promise<unknown>;
  moderation: ModerationRepository;
  audit: AuditLogRepository;
  /** Every zone of the world, for /teleport (the database's zone table). */
  zones(): Promise<ZoneDef[]>;
  /** Wall clock, ms. */
  now(): number;
  metrics?: ZoneSafetyMetrics;
  logger: Logger;
  /** What /spawn makes creatures with; absent: /spawn is refused. */
  spawner?: CreatureSpawner;
}

/** Puts creatures into the zones simulated here (zone/src/wildlife/summon.ts). */
export interface CreatureSpawner {
  /** Every species an admin may name. */
  species(): readonly SpeciesRecord[];
  /** A creature of `species` at `at`, in the next tick; false when that zone is not simulated here (any more). */
  spawn(species: SpeciesRecord, level: number, at: { zoneId: string; x: number; y: number }): boolean;
}

type Result = 'done' | 'refused' | 'not_found' | 'failed';

class Refusal extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly result: Result = 'not_found',
  ) {
    super(message);
  }
}

/**
 * Carries out admin commands after the tick. The tick let the command through
 * because the actor's entity says admin (loaded from PostgreSQL at join); this
 * checks the role in PostgreSQL once more (it may have been revoked since),
 * resolves the target, writes the audit row — before acting, so nothing is
 * done that is not on record — and then acts:
 *
 * - kick and ban publish `player.kick` on the target's gateway output channel
 *   (from `player:location`, so the target may be in any zone on any server);
 *   the gateway sends the error and closes the socket, and its leave takes the
 *   character out of the world.
 * - mute and unmute write account.muted_until and publish `player.mute` to the
 *   zone input of each of the account's characters that is online, so it
 *   applies at once.
 * - ban writes account.banned_until and ban_reason (the gateway's handshake
 *   refuses banned accounts) and kicks each online character of the account.
 * - announce publishes `world.announce` on `Channels.announcements`; every
 *   zone host tells every player it has.
 * - teleport publishes `player.teleport` to the zone the target is in, which
 *   moves it or hands it over to the destination zone.
 * - spawn puts a creature of a species (by id or name) at the admin's
 *   position, in the admin's zone on this host (CreatureSpawner).
 */
export class AdminActions {
  constructor(private readonly deps: AdminDeps) {}

  readonly handlers: EffectHandlers = {
    admin: (effect) => this.handle(effect),
  };

  async handle(effect: AdminEffect): Promise<void> {
    const { actor, action } = effect;
    const log = this.deps.logger.child({ admin: actor.name, action: action.action });
    let result: Result = 'done';
    try {
      const admin = await this.deps.moderation.standingOfCharacter(actor.characterId);
      if (admin?.role !== 'admin') throw new Refusal('forbidden', `Only administrators can use /${action.action}.`, 'refused');
      const reply = await this.carryOut(admin, action, effect.at);
      await this.tell(actor.characterId, reply);
      log.info('admin action carried out');
    } catch (error) {
      if (error instanceof Refusal) {
        result = error.result;
        await this.refuse(actor.characterId, error.code, error.message);
        log.info({ refused: error.message }, 'admin action refused');
      } else {
        result = 'failed';
        log.error({ err: error }, 'admin action failed');
        await this.refuse(actor.characterId, 'internal', `/${action.action} failed; nothing may have been done. Try again.`);
      }
    } finally {
      this.deps.metrics?.adminActions.inc({ kind: action.action, result });
    }
  }

  private async carryOut(admin: AccountStanding, action: AdminAction, at: AdminEffect['at']): Promise<string> {
    const audit = (target: string, details: Record<string, unknown>) =>
      this.deps.audit.record({
        actorId: admin.accountId,
        actorName: admin.username,
        action: action.action,
        target,
        details: { as: admin.characterName, ...details },
      });
    switch (action.action) {
      case 'kick': {
        const target = await this.target(action.name);
        const location = await this.deps.locate(target.characterId);
        if (!location) throw new Refusal('not_found', `${target.characterName} is not online.`);
        await audit(target.characterName, { accountId: target.accountId, characterId: target.characterId, reason: action.reason ?? null });
        await this.kick(location, target.characterId, 'kicked', `You were kicked by an administrator${because(action.reason)}.`);
        return `You kick ${target.characterName}.`;
      }
      case 'mute':
      case 'unmute': {
        const target = await this.target(action.name);
        const until = action.action === 'mute' ? this.deps.now() + action.minutes * 60_000 : null;
        const reason = action.action === 'mute' ? action.reason : undefined;
        await audit(target.characterName, {
          accountId: target.accountId,
          ...(action.action === 'mute' ? { minutes: action.minutes, until: new Date(until!).toISOString(), reason: reason ?? null } : {}),
        });
        await this.deps.moderation.setMutedUntil(target.accountId, until === null ? null : new Date(until));
        const online = await this.online(target.accountId);
        await Promise.all(
          online.map(({ characterId, location }) =>
            this.deps.bus.publish(Channels.zoneInput(location.zoneId), 'player.mute', { characterId, mutedUntil: until }),
          ),
        );
        const notice = until === null ? 'You may chat again.' : `An administrator muted you until ${utc(until)}${because(reason)}.`;
        await this.deps.deliver(
          online.map(({ characterId }) => ({ characterId, event: 'event', data: gameEvent(this.deps.now(), 'system', notice, { channel: 'admin' }) })),
        );
        return until === null ? `${target.characterName} may chat again.` : `${target.characterName} is muted until ${utc(until)}.`;
      }
      case 'ban': {
        const target = await this.target(action.name);
        const until = action.durationMs === null ? PERMANENT_BAN_UNTIL : this.deps.now() + action.durationMs;
        const when = action.durationMs === null ? 'for good' : `until ${utc(until)}`;
        await audit(target.characterName, {
          accountId: target.accountId,
          characterId: target.characterId,
          until: new Date(until).toISOString(),
          permanent: action.durationMs === null,
          reason: action.reason ?? null,
        });
        await this.deps.moderation.setBan(target.accountId, new Date(until), action.reason ?? null);
        const online = await this.online(target.accountId);
        await Promise.all(
          online.map(({ characterId, location }) => this.kick(location, characterId, 'banned', `This account is banned ${when}${because(action.reason)}.`)),
        );
        return `${target.username} (${target.characterName}) is banned ${when}${online.length > 0 ? `; ${online.length} character${online.length === 1 ? '' : 's'} disconnected` : ''}.`;
      }
      case 'unban': {
        const target = await this.target(action.name);
        await audit(target.characterName, { accountId: target.accountId });
        await this.deps.moderation.setBan(target.accountId, null, null);
        return `${target.username} (${target.characterName}) may log in again.`;
      }
      case 'announce': {
        await audit('world', { text: action.text });
        await this.deps.bus.publish(Channels.announcements, 'world.announce', { from: admin.characterName, text: action.text });
        return 'Announced.';
      }
      case 'teleport': {
        const target = action.who.kind === 'me' ? admin : await this.target(action.who.name);
        const zone = await this.zone(action.zone);
        const x = action.x ?? zone.spawn.x;
        const y = action.y ?? zone.spawn.y;
        const { bounds } = zone;
        if (x < bounds.minX || x > bounds.maxX || y < bounds.minY || y > bounds.maxY) {
          throw new Refusal(
            'invalid_command',
            `(${x}, ${y}) is outside ${zone.name}: x ${bounds.minX}..${bounds.maxX}, y ${bounds.minY}..${bounds.maxY}.`,
            'refused',
          );
        }
        const location = await this.deps.locate(target.characterId);
        if (!location) throw new Refusal('not_found', `${target.characterName} is not online.`);
        await audit(target.characterName, { characterId: target.characterId, from: location.zoneId, zoneId: zone.id, x, y });
        await this.deps.bus.publish(Channels.zoneInput(location.zoneId), 'player.teleport', { characterId: target.characterId, zoneId: zone.id, x, y });
        return `Teleporting ${target.characterName} to ${zone.name} (${x}, ${y}).`;
      }
      case 'spawn': {
        const { spawner } = this.deps;
        if (!spawner || !at) throw new Refusal('invalid_command', 'Creatures cannot be spawned here.', 'refused');
        const species = findSpecies(spawner.species(), action.species);
        if (!species) {
          const known = spawner.species().map((candidate) => candidate.id);
          throw new Refusal('not_found', `There is no species ${action.species}. Species: ${known.join(', ') || 'none'}.`);
        }
        const level = action.level ?? 1;
        await audit(species.name, { speciesId: species.id, level, zoneId: at.zoneId, x: at.x, y: at.y });
        if (!spawner.spawn(species, level, at)) throw new Refusal('not_found', 'Your zone is not simulated on this server any more; try again.', 'failed');
        return `You spawn a level ${level} ${species.name} at (${Math.round(at.x)}, ${Math.round(at.y)}).`;
      }
    }
  }

  private async target(name: string): Promise<AccountStanding> {
    const target = await this.deps.moderation.standingOfCharacterNamed(name);
    if (!target) throw new Refusal('not_found', `No one is called ${name}.`);
    return target;
  }

  /** "city", "zone-city" and "Zone-City" all name zone-city. */
  private async zone(name: string): Promise<ZoneDef> {
    const zones = await this.deps.zones();
    const zone = zones.find((candidate) => candidate.id === name) ?? zones.find((candidate) => candidate.id === `zone-${name}`);
    if (!zone) throw new Refusal('not_found', `There is no zone ${name}. Zones: ${zones.map((candidate) => candidate.id).join(', ')}.`);
    return zone;
  }

  /** Every character of the account that is in the world now, and where. */
  private async online(accountId: string): Promise<Array<{ characterId: string; location: PlayerLocation }>> {
    const ids = await this.deps.moderation.characterIdsOf(accountId);
    const located = await Promise.all(ids.map(async (characterId) => ({ characterId, location: await this.deps.locate(characterId) })));
    return located.flatMap(({ characterId, location }) => (location ? [{ characterId, location }] : []));
  }

  private kick(location: PlayerLocation, characterId: string, code: 'kicked' | 'banned', message: string): Promise<void> {
    return this.deps.bus.publish(Channels.gatewayOutput(location.gatewayId), 'player.kick', { characterId, code, message });
  }

  private tell(characterId: string, text: string): Promise<unknown> {
    return this.deps.deliver([{ characterId, event: 'event', data: gameEvent(this.deps.now(), 'system', text, { channel: 'admin' }) }]);
  }

  private refuse(characterId: string, code: ErrorCode, message: string): Promise<unknown> {
    return this.deps
      .deliver([{ characterId, event: 'error', data: { code, message } }])
      .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'telling the admin failed'));
  }
}

/** "wolf", "Wolf", "wild boar" and "wild-boar" all name the same species. */
function findSpecies(species: readonly SpeciesRecord[], name: string): SpeciesRecord | undefined {
  const key = (text: string) => text.toLowerCase().replace(/[\s_-]+/g, '-');
  const wanted = key(name);
  return species.find((candidate) => key(candidate.id) === wanted) ?? species.find((candidate) => key(candidate.name) === wanted);
}

function because(reason: string | undefined): string {
  return reason ? `: ${reason}` : '';
}
