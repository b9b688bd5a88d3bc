import {
  Channels,
  ClientEvents,
  type ClientEventName,
  type ErrorCode,
  type ErrorPayload,
  type MessageBus,
} from '@aether/shared';
import type { Logger } from '@aether/shared/observability';
import type { Socket } from 'socket.io';
import type { z } from 'zod';
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
  private accountId: string | undefined;
  private inWorld: { characterId: string; zoneId: string } | undefined;
  private readonly log: Logger;

  constructor(
    private readonly socket: Socket,
    private readonly username: string,
    private readonly deps: SessionDeps,
  ) {
    this.log = deps.logger.child({ socketId: socket.id, account: username });
  }

  attach(): void {
    this.handle('character_list', async () => {
      const characters = await this.deps.characters.listByAccount(await this.account());
      return { ok: true, characters };
    });
    this.handle('character_create', async ({ name, archetype }) => {
      try {
        const character = await this.deps.characters.create(await this.account(), name, archetype ?? 'warrior');
        this.log.info({ characterId: character.id, name }, 'character created');
        return { ok: true, character };
      } catch (error) {
        if (error instanceof CharacterNameTakenError) throw new RequestError('name_taken', `The name "${name}" is already taken.`);
        throw error;
      }
    });
    this.handle('character_select', async ({ characterId }) => {
      const character = await this.deps.characters.findOwned(await this.account(), characterId);
      if (!character) throw new RequestError('not_found', 'You have no character with that id.');
      await this.leaveWorld();
      const displaced = this.deps.players.claim(character.id, this.socket);
      if (displaced) {
        displaced.emit('error', { code: 'already_in_world', message: 'This character entered the world from another connection.' });
        displaced.disconnect(true);
      }
      this.inWorld = { characterId: character.id, zoneId: character.zoneId };
      await this.deps.bus.publish(Channels.zoneInput(character.zoneId), 'player.join', {
        characterId: character.id,
        gatewayId: this.deps.gatewayId,
      });
      this.log.info({ characterId: character.id, zoneId: character.zoneId }, 'character entered the world');
      return { ok: true };
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
    if (!this.inWorld) throw new RequestError('not_in_world', 'Select a character first.');
    return this.inWorld;
  }

  private async account(): Promise<string> {
    if (!this.accountId) this.accountId = (await this.deps.accounts.findOrCreate(this.username)).id;
    return this.accountId;
  }

  private async leaveWorld(): Promise<void> {
    const where = this.inWorld;
    if (!where) return;
    this.inWorld = undefined;
    // A connection that was displaced by a newer login must not pull the character out.
    if (!this.deps.players.release(where.characterId, this.socket)) return;
    await this.deps.bus.publish(Channels.zoneInput(where.zoneId), 'player.leave', { characterId: where.characterId });
  }
}
