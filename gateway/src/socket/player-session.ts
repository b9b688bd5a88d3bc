import { Channels, ClientEvents, type ClientEventName, type ErrorCode, type ErrorPayload, type MessageBus } from '@aether/shared';
import type { Logger } from '@aether/shared/observability';
import { randomBytes } from 'node:crypto';
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { AuthenticatedAccount } from '../auth/account.js';
import { EVENT_COSTS, UNKNOWN_EVENT_COST } from '../limits/event-costs.js';
import type { LimitMetrics } from '../limits/limit-metrics.js';
import type { GatewayLimits } from '../limits/limits.js';
import type { MessageLimiter } from '../limits/message-limiter.js';
import type { GatewayMetrics } from '../metrics.js';
import { CharacterNameTakenError, type AccountStore, type CharacterDirectory } from '../ports.js';
import type { Redemption } from '../session/resume-tokens.js';
import type { ZoneWaiters } from '../session/zone-waiters.js';
import type { ConnectedPlayers } from './connected-players.js';
import { describeIssues } from './payload-error.js';
import { SerialQueue } from './serial-queue.js';
import type { SessionMetrics } from './session-metrics.js';

export interface SessionDeps {
  gatewayId: string;
  bus: MessageBus;
  accounts?: AccountStore;
  characters: CharacterDirectory;
  players: ConnectedPlayers<Socket>;
  metrics: GatewayMetrics;
  sessionMetrics: SessionMetrics;
  limitMetrics: LimitMetrics;
  logger: Logger;
  limiter: MessageLimiter;
  limits: Pick<GatewayLimits, 'queuedRequests' | 'charactersPerAccount' | 'commandLength'>;
  /** Cross-gateway session services (distributed mode): resume tokens, evicting other connections. */
  sessions?: SessionServices;
  /** Where the character is being simulated now, if the registry knows (it may have crossed a border). */
  locate?: (characterId: string) => Promise<string | undefined>;
  /** Whether the character's zone runs, and who waits for it (distributed mode); unset: every zone runs (embedded). */
  zones?: Pick<ZoneWaiters, 'isRunning' | 'wait'>;
  now?: () => number;
}

interface SessionServices {
  issueResumeToken(accountId: string, characterId: string): Promise<string>;
  redeemResumeToken(token: string, accountId: string): Promise<Redemption>;
  evictElsewhere(characterId: string, keep: Socket): Promise<void>;
}

type Ack = (response: unknown) => void;

/** Error events of these codes go out at most once a second per socket (their acks always); others once per message. */
const THROTTLED: ReadonlySet<ErrorCode> = new Set(['rate_limited', 'unknown_event']);
const NOTICE_INTERVAL_MS = 1_000;

class RequestError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The socket went away while its request was being handled: nothing more is done for it. */
class SocketGone extends Error {
  constructor() {
    super('the connection went away');
  }
}

/**
 * One connected client. Every inbound event is charged against the rate
 * limits and parsed against its schema before anything acts on it; failures
 * become an `error` event (and a failed ack) for this client only. Accepted
 * requests run one at a time, in order (SerialQueue), and the disconnect's
 * leave runs behind whatever was under way, so a request cannot put a
 * character in the world after its socket has gone.
 */
export class PlayerSession {
  private characterId: string | undefined;
  /** The session id of the stay in the world this socket holds now (PlayerJoin.sessionId). */
  private sessionId: string | undefined;
  private gone = false;
  /** Cancels the wait for a zone a select was refused for (zone_available pending). */
  private cancelZoneWait: (() => void) | undefined;
  private readonly queue = new SerialQueue();
  private readonly noticeAt = new Map<ErrorCode, number>();
  private readonly log: Logger;
  private readonly now: () => number;

  constructor(
    private readonly socket: Socket,
    private readonly account: AuthenticatedAccount,
    private readonly deps: SessionDeps,
  ) {
    this.log = deps.logger.child({ socketId: socket.id, account: account.username });
    this.now = deps.now ?? Date.now;
  }

  private readonly handlers: { [E in ClientEventName]: (payload: z.infer<(typeof ClientEvents)[E]>) => Promise<unknown> } = {
    character_list: async () => {
      const characters = await this.deps.characters.listByAccount(this.account.id);
      return { ok: true, characters };
    },
    character_create: async ({ name, archetype }) => {
      const existing = await this.deps.characters.listByAccount(this.account.id);
      if (existing.length >= this.deps.limits.charactersPerAccount) {
        this.deps.limitMetrics.refusals.inc({ kind: 'characters_per_account' });
        throw new RequestError('too_many_characters', `An account holds at most ${this.deps.limits.charactersPerAccount} characters.`);
      }
      try {
        const character = await this.deps.characters.create(this.account.id, name, archetype ?? 'warrior');
        this.log.info({ characterId: character.id, name }, 'character created');
        return { ok: true, character };
      } catch (error) {
        if (error instanceof CharacterNameTakenError) throw new RequestError('name_taken', `The name "${name}" is already taken.`);
        throw error;
      }
    },
    character_select: async ({ characterId }) => {
      // Only the account's own characters: another account's id answers as an unknown one does.
      const character = await this.deps.characters.findOwned(this.account.id, characterId);
      if (!character) throw new RequestError('not_found', 'You have no character with that id.');
      const resumeToken = await this.enterWorld(character.id, character.zoneId);
      return resumeToken ? { ok: true, resumeToken } : { ok: true };
    },
    move: async (move) => {
      const where = this.requireWorld();
      await this.deps.bus.publish(Channels.zoneInput(where.zoneId), 'player.move', { characterId: where.characterId, move });
    },
    command: async ({ text }) => {
      if (text.length > this.deps.limits.commandLength) {
        this.deps.limitMetrics.refusals.inc({ kind: 'command_length' });
        throw new RequestError('command_too_long', `A command is at most ${this.deps.limits.commandLength} characters.`);
      }
      const where = this.requireWorld();
      await this.deps.bus.publish(Channels.zoneInput(where.zoneId), 'player.command', { characterId: where.characterId, text });
    },
  };

  attach(): void {
    this.socket.onAny((event: unknown, ...args: unknown[]) => this.receive(event, args));
    this.socket.on('disconnect', (reason) => {
      this.gone = true;
      this.cancelZoneWait?.();
      // Behind any request under way: a select that finishes after this point is undone here.
      void this.queue.run(() => this.leaveWorld()).catch((error) => this.log.warn({ err: error }, 'leaving the world on disconnect failed'));
      this.log.info({ reason }, 'client disconnected');
    });
  }

  /** Re-enters the world with the character a resume token names (the client's gateway went away). */
  resume(token: string): Promise<void> {
    return this.queue.run(() => this.resumeNow(token));
  }

  private async resumeNow(token: string): Promise<void> {
    try {
      const redemption = await this.deps.sessions?.redeemResumeToken(token, this.account.id);
      const character = redemption?.ok ? await this.deps.characters.findOwned(this.account.id, redemption.characterId) : null;
      if (!character) {
        this.deps.sessionMetrics.resumeTokens.inc({ result: 'refused' });
        this.log.info({ reason: redemption && !redemption.ok ? redemption.reason : 'no character' }, 'resume refused');
        this.sendError({ code: 'unauthorized', message: 'That session cannot be resumed; select your character again.' });
        return;
      }
      this.deps.sessionMetrics.resumeTokens.inc({ result: 'redeemed' });
      const resumeToken = await this.enterWorld(character.id, character.zoneId);
      // The token just used is spent: the client needs the new one for the next time.
      if (resumeToken) this.socket.emit('resume_token', { resumeToken });
      this.log.info({ characterId: character.id }, 'session resumed');
    } catch (error) {
      if (error instanceof SocketGone) return;
      if (error instanceof RequestError) {
        this.sendError({ code: error.code, message: error.message });
        return;
      }
      this.log.error({ err: error }, 'resuming a session failed');
      this.sendError({ code: 'internal', message: 'Could not resume the session; select your character again.' });
    }
  }

  /** Every client message comes through here: limits, then the schema, then the queue. */
  private receive(event: unknown, args: unknown[]): void {
    if (this.gone) return;
    const ack = typeof args.at(-1) === 'function' ? (args.pop() as Ack) : undefined;
    const name = typeof event === 'string' && Object.hasOwn(ClientEvents, event) ? (event as ClientEventName) : undefined;
    const label = name ?? 'unknown';
    this.deps.metrics.messages.inc({ direction: 'in', event: label });

    const verdict = this.deps.limiter.take(name ? EVENT_COSTS[name] : UNKNOWN_EVENT_COST);
    if (!verdict.ok) {
      this.deps.limitMetrics.refusals.inc({ kind: verdict.scope === 'socket' ? 'socket_rate' : 'account_rate' });
      this.reject(label, { code: 'rate_limited', message: 'Too many messages; slow down.' }, ack);
      if (verdict.disconnect) {
        this.deps.limitMetrics.disconnects.inc({ reason: 'flood' });
        this.log.warn({ scope: verdict.scope }, 'disconnecting a client that ignored rate limits');
        this.socket.disconnect(true);
      }
      return;
    }
    if (!name) {
      this.deps.limitMetrics.unknownEvents.inc();
      this.reject(label, { code: 'unknown_event', message: `Unknown event "${String(event).slice(0, 40)}".` }, ack);
      return;
    }
    const parsed = (ClientEvents[name] as z.ZodType).safeParse(args[0]);
    if (!parsed.success) {
      this.reject(name, { code: 'invalid_payload', message: `Invalid ${name}: ${describeIssues(parsed.error)}` }, ack);
      return;
    }
    if (this.queue.pending >= this.deps.limits.queuedRequests) {
      this.deps.limitMetrics.refusals.inc({ kind: 'queue_full' });
      this.reject(name, { code: 'rate_limited', message: 'Too many requests waiting; slow down.' }, ack);
      return;
    }
    const handler = this.handlers[name] as (payload: unknown) => Promise<unknown>;
    this.queue
      .run(async () => {
        if (this.gone) throw new SocketGone();
        return handler(parsed.data);
      })
      .then(
        (result) => ack?.(result ?? { ok: true }),
        (error: unknown) => {
          if (error instanceof SocketGone) return;
          if (error instanceof RequestError) {
            this.reject(name, { code: error.code, message: error.message }, ack);
            return;
          }
          this.log.error({ err: error, event: name }, 'handling a client message failed');
          this.reject(name, { code: 'internal', message: 'Something went wrong on the server; try again.' }, ack);
        },
      );
  }

  /** Refuses one message: its ack always hears why; the `error` event is throttled for floods (THROTTLED). */
  private reject(event: string, error: ErrorPayload, ack: Ack | undefined): void {
    this.deps.metrics.rejected.inc({ event, code: error.code });
    ack?.({ ok: false, error });
    if (THROTTLED.has(error.code)) {
      const now = this.now();
      if (now - (this.noticeAt.get(error.code) ?? Number.NEGATIVE_INFINITY) < NOTICE_INTERVAL_MS) return;
      this.noticeAt.set(error.code, now);
    }
    this.sendError(error);
  }

  private sendError(error: ErrorPayload): void {
    if (this.gone) return;
    this.deps.metrics.messages.inc({ direction: 'out', event: 'error' });
    this.socket.emit('error', error);
  }

  private requireWorld(): { characterId: string; zoneId: string } {
    const zoneId = this.characterId ? this.deps.players.zoneOf(this.characterId) : undefined;
    if (!this.characterId || !zoneId) throw new RequestError('not_in_world', 'Select a character first.');
    return { characterId: this.characterId, zoneId };
  }

  /** Throws SocketGone once the socket has disconnected: called after every await on the way into the world. */
  private stillHere(): void {
    if (this.gone || !this.socket.connected) throw new SocketGone();
  }

  /**
   * Puts the character in the world through this connection: any other
   * connection holding it (here, or on another gateway) is closed first, so a
   * character is never in the world twice. Newest wins: the older connection
   * gets `already_in_world` and is closed.
   */
  private async enterWorld(characterId: string, savedZoneId: string): Promise<string | undefined> {
    let zoneId: string;
    this.cancelZoneWait?.();
    this.cancelZoneWait = undefined;
    try {
      await this.leaveWorld();
      this.stillHere();
      await this.deps.sessions?.evictElsewhere(characterId, this.socket);
      this.stillHere();
      zoneId = (await this.deps.locate?.(characterId)) ?? savedZoneId;
      this.stillHere();
      if (this.deps.zones && !(await this.deps.zones.isRunning(zoneId))) {
        this.stillHere();
        this.refuseUntilRunning(zoneId);
      }
    } catch (error) {
      if (error instanceof SocketGone) this.deps.sessionMetrics.abandonedSelects.inc();
      throw error;
    }
    // No await between the last check and the claim: the socket is connected as the character enters.
    const sessionId = randomBytes(12).toString('base64url');
    const displaced = this.deps.players.claim(characterId, this.socket, zoneId, sessionId);
    // Normally closed already by evictElsewhere (which counts it); this covers a connection it did not reach in time.
    if (displaced) {
      displaced.emit('error', { code: 'already_in_world', message: 'This character entered the world from another connection.' });
      displaced.disconnect(true);
    }
    this.characterId = characterId;
    this.sessionId = sessionId;
    // Should the socket go from here on, its disconnect's leave (queued behind this request) names this session.
    await this.deps.bus.publish(Channels.zoneInput(zoneId), 'player.join', { characterId, gatewayId: this.deps.gatewayId, sessionId });
    this.log.info({ characterId, zoneId }, 'character entered the world');
    if (this.gone || !this.deps.sessions) return undefined;
    const token = await this.deps.sessions.issueResumeToken(this.account.id, characterId);
    this.deps.sessionMetrics.resumeTokens.inc({ result: 'issued' });
    return token;
  }

  /**
   * Nobody simulates the zone now: a join would go unheard and the client
   * would wait for a world_enter that never comes. Refuse the select, and
   * tell the client (zone_available) when the zone runs again.
   */
  private refuseUntilRunning(zoneId: string): never {
    const zones = this.deps.zones!;
    this.cancelZoneWait = zones.wait(zoneId, () => {
      this.cancelZoneWait = undefined;
      if (this.gone) return;
      this.deps.metrics.messages.inc({ direction: 'out', event: 'zone_available' });
      this.socket.emit('zone_available', { zoneId, message: `${zoneId} is running again; select your character to enter.` });
    });
    this.log.info({ zoneId }, 'select refused: nobody simulates the zone now');
    throw new RequestError('zone_unavailable', `${zoneId} is not running right now (its server is down or being replaced); you will be told when it is back.`);
  }

  private async leaveWorld(): Promise<void> {
    const { characterId, sessionId } = this;
    if (!characterId || !sessionId) return;
    this.characterId = undefined;
    this.sessionId = undefined;
    const zoneId = this.deps.players.zoneOf(characterId);
    // A connection that was displaced by a newer login must not pull the character out.
    if (!zoneId || !this.deps.players.release(characterId, this.socket)) return;
    await this.deps.bus.publish(Channels.zoneInput(zoneId), 'player.leave', { characterId, sessionId });
  }
}
