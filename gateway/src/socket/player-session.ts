import {
  Channels,
  ClientEvents,
  type ClientEventName,
  type ErrorCode,
  type ErrorPayload,
  type MessageBus,
} from '@aether/shared';
import type { Logger } from '@aether/shared/observability';
import { randomBytes } from 'node:crypto';
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { AuthenticatedAccount } from '../auth/account.js';
import type { GatewayMetrics } from '../metrics.js';
import { CharacterNameTakenError, type AccountStore, type CharacterDirectory } from '../ports.js';
import type { ConnectedPlayers } from './connected-players.js';
import { describeIssues } from './payload-error.js';
import type { RateLimiter } from './rate-limiter.js';

export interface SessionDeps {
  gatewayId: string;
  bus: MessageBus;
  accounts: AccountStore;
  characters: CharacterDirectory;
  players: ConnectedPlayers<Socket>;
  metrics: GatewayMetrics;
  logger: Logger;
  limiter: RateLimiter;
  /** Cross-gateway session services (distributed mode): resume tokens, evicting other connections. */
  sessions?: SessionServices;
  /** Where the character is being simulated now, if the registry knows (it may have crossed a border). */
  locate?: (characterId: string) => Promise<string | undefined>;
}

export interface SessionServices {
  issueResumeToken(username: string, characterId: string): Promise<string>;
  redeemResumeToken(token: string, username: string): Promise<string | undefined>;
  evictElsewhere(characterId: string, keep: Socket): Promise<void>;
}

type Ack = (response: unknown) => void;

class RequestError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * One connected client. Every inbound event is rate-limited and parsed
 * against its schema before anything acts on it; failures become an `error`
 * event (and a failed ack) for this client only.
 */
export class PlayerSession {
  private characterId: string | undefined;
  private readonly log: Logger;

  constructor(
    private readonly socket: Socket,
    private readonly account: AuthenticatedAccount,
    private readonly deps: SessionDeps,
  ) {
    this.log = deps.logger.child({ socketId: socket.id, account: account.username });
  }

  attach(): void {
    this.handle('character_list', async () => {
      const characters = await this.deps.characters.listByAccount(this.account.id);
      return { ok: true, characters };
    });
    this.handle('character_create', async ({ name, archetype }) => {
      try {
        const character = await this.deps.characters.create(this.account.id, name, archetype ?? 'warrior');
        this.log.info({ characterId: character.id, name }, 'character created');
        return { ok: true, character };
      } catch (error) {
        if (error instanceof CharacterNameTakenError) throw new RequestError('name_taken', `The name "${name}" is already taken.`);
        throw error;
      }
    });
    this.handle('character_select', async ({ characterId }) => {
      const character = await this.deps.characters.findOwned(this.account.id, characterId);
      if (!character) throw new RequestError('not_found', 'You have no character with that id.');
      const resumeToken = await this.enterWorld(character.id, character.zoneId);
      return resumeToken ? { ok: true, resumeToken } : { ok: true };
    });
    this.handle('move', async (move) => {
      const where = this.requireWorld();
      await this.deps.bus.publish(Channels.zoneInput(where.zoneId), 'player.move', { characterId: where.characterId, move });
    });
    this.handle('command', async ({ text }) => {
      const where = this.requireWorld();
      await this.deps.bus.publish(Channels.zoneInput(where.zoneId), 'player.command', { characterId: where.characterId, text });
    });

    this.socket.onAny((event: string) => {
      if (!Object.hasOwn(ClientEvents, event)) {
        this.deps.metrics.rejected.inc({ event: 'unknown', code: 'unknown_event' });
        this.sendError({ code: 'unknown_event', message: `Unknown event "${String(event).slice(0, 40)}".` });
      }
    });
    this.socket.on('disconnect', (reason) => {
      void this.leaveWorld().catch((error) => this.log.warn({ err: error }, 'leaving the world on disconnect failed'));
      this.log.info({ reason }, 'client disconnected');
    });
  }

  /** Re-enters the world with the character a resume token names (the client's gateway went away). */
  async resume(token: string): Promise<void> {
    try {
      const characterId = await this.deps.sessions?.redeemResumeToken(token, this.account.username);
      const character = characterId ? await this.deps.characters.findOwned(this.account.id, characterId) : null;
      if (!character) {
        this.sendError({ code: 'unauthorized', message: 'That session cannot be resumed; select your character again.' });
        return;
      }
      await this.enterWorld(character.id, character.zoneId);
      this.log.info({ characterId: character.id }, 'session resumed');
    } catch (error) {
      this.log.error({ err: error }, 'resuming a session failed');
      this.sendError({ code: 'internal', message: 'Could not resume the session; select your character again.' });
    }
  }

  private handle<E extends ClientEventName>(
    event: E,
    handler: (payload: z.infer<(typeof ClientEvents)[E]>) => Promise<unknown>,
  ): void {
    const schema = ClientEvents[event];
    const listen = this.socket.on.bind(this.socket) as (name: string, listener: (...args: unknown[]) => void) => void;
    listen(event, (...args: unknown[]) => {
      const ack = typeof args.at(-1) === 'function' ? (args.pop() as Ack) : undefined;
      this.deps.metrics.messages.inc({ direction: 'in', event });
      const verdict = this.deps.limiter.take();
      if (verdict !== 'ok') {
        this.reject(event, { code: 'rate_limited', message: 'Too many messages; slow down.' }, ack);
        if (verdict === 'abusive') {
          this.log.warn('disconnecting a client that ignored rate limits');
          this.socket.disconnect(true);
        }
        return;
      }
      const parsed = (schema as z.ZodType).safeParse(args[0]);
      if (!parsed.success) {
        this.reject(event, { code: 'invalid_payload', message: `Invalid ${event}: ${describeIssues(parsed.error)}` }, ack);
        return;
      }
      handler(parsed.data as z.infer<(typeof ClientEvents)[E]>).then(
        (result) => ack?.(result ?? { ok: true }),
        (error: unknown) => {
          if (error instanceof RequestError) {
            this.reject(event, { code: error.code, message: error.message }, ack);
            return;
          }
          this.log.error({ err: error, event }, 'handling a client message failed');
          this.reject(event, { code: 'internal', message: 'Something went wrong on the server; try again.' }, ack);
        },
      );
    });
  }

  private reject(event: string, error: ErrorPayload, ack: Ack | undefined): void {
    this.deps.metrics.rejected.inc({ event, code: error.code });
    this.sendError(error);
    ack?.({ ok: false, error });
  }

  private sendError(error: ErrorPayload): void {
    this.deps.metrics.messages.inc({ direction: 'out', event: 'error' });
    this.socket.emit('error', error);
  }

  private requireWorld(): { characterId: string; zoneId: string } {
    const zoneId = this.characterId ? this.deps.players.zoneOf(this.characterId) : undefined;
    if (!this.characterId || !zoneId) throw new RequestError('not_in_world', 'Select a character first.');
    return { characterId: this.characterId, zoneId };
  }

  /**
   * Puts the character in the world through this connection: any other
   * connection holding it (here, or on another gateway) is closed first, so a
   * character is never in the world twice.
   */
  async enterWorld(characterId: string, savedZoneId: string): Promise<string | undefined> {
    await this.leaveWorld();
    await this.deps.sessions?.evictElsewhere(characterId, this.socket);
    const zoneId = (await this.deps.locate?.(characterId)) ?? savedZoneId;
    const sessionId = randomBytes(12).toString('base64url');
    const displaced = this.deps.players.claim(characterId, this.socket, zoneId, sessionId);
    if (displaced) {
      displaced.emit('error', { code: 'already_in_world', message: 'This character entered the world from another connection.' });
      displaced.disconnect(true);
    }
    this.characterId = characterId;
    await this.deps.bus.publish(Channels.zoneInput(zoneId), 'player.join', { characterId, gatewayId: this.deps.gatewayId, sessionId });
    this.log.info({ characterId, zoneId }, 'character entered the world');
    return this.deps.sessions?.issueResumeToken(this.account.username, characterId);
  }

  private async leaveWorld(): Promise<void> {
    const characterId = this.characterId;
    if (!characterId) return;
    this.characterId = undefined;
    const zoneId = this.deps.players.zoneOf(characterId);
    const sessionId = this.deps.players.sessionOf(characterId);
    // A connection that was displaced by a newer login must not pull the character out.
    if (!zoneId || !sessionId || !this.deps.players.release(characterId, this.socket)) return;
    await this.deps.bus.publish(Channels.zoneInput(zoneId), 'player.leave', { characterId, sessionId });
  }
}
