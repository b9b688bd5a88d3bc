import { io, type Socket } from 'socket.io-client';
import { countingParser } from './packet-parser.js';
import { VIEW_ADAPTERS } from './view-adapters.js';
import type { Identity, OwnState, SeenEntity, ViewAdapter, ViewObserver, ViewSink } from './view.js';
import { WireTap } from './wire-tap.js';

/** Sent in every handshake: servers that speak more than one protocol pick by it, older ones ignore it. */
const PROTOCOL_VERSION = 2;

export interface BotOptions {
  /** Server URL, e.g. http://127.0.0.1:3100. */
  url: string;
  /** Dev login name: the handshake token is `dev:<name>`. */
  name: string;
  /** Extra handshake fields for servers that want them (`token` and `protocol` are always set). */
  auth?: Record<string, unknown>;
  /** Character to select, by name (any letter case); the account's first one when absent. */
  character?: string;
  /**
   * Decode what the server sends once in the world (default true). False:
   * the bot still receives and counts every byte and event, but looks at
   * none of them, so it knows neither its view nor its own state.
   */
  decode?: boolean;
  observer?: ViewObserver;
  /** Wire formats to understand; default all known ones (bot/view-adapters.ts). */
  adapters?: readonly ViewAdapter[];
  /** Limit for each step (connecting, each request, entering the world); default 30 s. */
  timeoutMs?: number;
}

interface CharacterListAck {
  ok: boolean;
  characters?: Array<{ id: string; name: string }>;
  error?: { code: string; message: string };
}

/**
 * One scripted player over the real Socket.IO protocol (WebSocket transport
 * only, no reconnection): log in, select a character, enter the world, move.
 * What it sees comes through the view adapters, whatever the wire format.
 */
export class Bot {
  readonly socket: Socket;
  private readonly tap: WireTap;
  /** Entities in view, with the heading each was last seen with. */
  private readonly view = new Map<string, number>();
  private readonly detachers: Array<() => void>;
  private readonly timeoutMs: number;
  private identity_: Identity | undefined;
  private state_: OwnState | undefined;
  private onEntered: ((identity: Identity) => void) | undefined;
  private disconnectReason: string | undefined;

  constructor(private readonly options: BotOptions) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.tap = new WireTap();
    this.socket = io(options.url, {
      auth: { ...options.auth, token: `dev:${options.name}`, protocol: PROTOCOL_VERSION },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      autoConnect: false,
      timeout: this.timeoutMs,
      parser: countingParser(this.tap),
    });
    // Before connecting, so the first byte is counted too.
    this.tap.watch(this.socket);
    const sink = this.sink();
    this.detachers = (options.adapters ?? VIEW_ADAPTERS).map((adapter) => adapter.attach(this.socket, sink));
    this.socket.on('disconnect', (reason) => {
      this.disconnectReason = reason;
    });
  }

  get name(): string {
    return this.options.name;
  }

  /** Who the server says this player is; undefined until in the world. */
  get identity(): Identity | undefined {
    return this.identity_;
  }

  /** Own state as last reported; undefined until in the world, and frozen when not decoding. */
  get state(): OwnState | undefined {
    return this.state_;
  }

  get decoding(): boolean {
    return this.options.decode ?? true;
  }

  /** Entities in view now; undefined for a bot that does not decode. */
  get inView(): number | undefined {
    return this.decoding ? this.view.size : undefined;
  }

  get bytesReceived(): number {
    return this.tap.bytesReceived;
  }

  get eventsReceived(): number {
    return this.tap.eventsReceived;
  }

  /** Why the connection ended, once it has. */
  get disconnected(): string | undefined {
    return this.disconnectReason;
  }

  async connect(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        settle();
        this.socket.disconnect();
        reject(new Error(`${this.name}: no connection to ${this.options.url} within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      const onConnect = () => {
        settle();
        resolve();
      };
      const onError = (error: Error) => {
        settle();
        reject(new Error(`${this.name}: connecting to ${this.options.url} failed: ${error.message}`, { cause: error }));
      };
      const settle = () => {
        clearTimeout(timer);
        this.socket.off('connect', onConnect);
        this.socket.off('connect_error', onError);
      };
      this.socket.once('connect', onConnect);
      this.socket.once('connect_error', onError);
      this.socket.connect();
    });
  }

  /** Selects the character (by name, or the first) and resolves once the server has put it in the world. */
  async enterWorld(): Promise<Identity> {
    const list = await this.request<CharacterListAck>('character_list');
    if (!list?.ok || !Array.isArray(list.characters)) throw new Error(`${this.name}: character_list refused: ${JSON.stringify(list?.error ?? list)}`);
    const wanted = this.options.character?.toLowerCase();
    const character = wanted ? list.characters.find((candidate) => candidate.name.toLowerCase() === wanted) : list.characters[0];
    if (!character) {
      throw new Error(
        `${this.name}: no character ${wanted ? `named "${this.options.character}"` : 'at all'} (the account has ${list.characters.map((c) => c.name).join(', ') || 'none'})`,
      );
    }
    // Listen before selecting: the entry may come right behind the ack.
    const entered = this.nextEntry();
    const selected = await this.request<{ ok: boolean; error?: unknown }>('character_select', { characterId: character.id });
    if (!selected?.ok) {
      this.onEntered = undefined;
      throw new Error(`${this.name}: character_select refused: ${JSON.stringify(selected?.error ?? selected)}`);
    }
    const identity = await entered;
    if (!this.decoding) {
      this.tap.stopDecoding();
      this.view.clear();
    }
    return identity;
  }

  /** Walk on a compass heading (degrees, 0 = north) at a speed (m/s). */
  move(heading: number, speed: number): void {
    this.socket.emit('move', { heading, speed });
  }

  stop(): void {
    this.socket.emit('move', { stop: true });
  }

  close(): void {
    for (const detach of this.detachers.splice(0)) detach();
    this.socket.disconnect();
  }

  private async request<T>(event: string, payload?: unknown): Promise<T> {
    try {
      const timed = this.socket.timeout(this.timeoutMs);
      return (payload === undefined ? await timed.emitWithAck(event) : await timed.emitWithAck(event, payload)) as T;
    } catch (error) {
      throw new Error(`${this.name}: no answer to ${event} within ${this.timeoutMs} ms`, { cause: error });
    }
  }

  private nextEntry(): Promise<Identity> {
    // Which events did arrive, should none of them put us in the world: names the format nobody decoded.
    const arrived = new Map<string, number>();
    const note = (event: string) => void arrived.set(event, (arrived.get(event) ?? 0) + 1);
    this.socket.onAny(note);
    return new Promise<Identity>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.onEntered = undefined;
        const events = [...arrived].map(([event, count]) => `${event} ×${count}`).join(', ') || 'none';
        reject(
          new Error(
            `${this.name}: selected a character but no view adapter reported entering the world within ${this.timeoutMs} ms ` +
              `(events received meanwhile: ${events}; adapters: ${(this.options.adapters ?? VIEW_ADAPTERS).map((adapter) => adapter.name).join(', ')})`,
          ),
        );
      }, this.timeoutMs);
      this.onEntered = (identity) => {
        clearTimeout(timer);
        this.onEntered = undefined;
        resolve(identity);
      };
    }).finally(() => this.socket.offAny(note));
  }

  private sink(): ViewSink {
    const observer = this.options.observer ?? {};
    return {
      entered: (identity, at) => {
        this.identity_ = { ...identity };
        this.state_ = { x: identity.x, y: identity.y, heading: identity.heading, moving: identity.moving };
        this.view.clear();
        observer.entered?.(this.identity_, at);
        this.onEntered?.(this.identity_);
      },
      self: (update, at) => {
        const state = this.state_;
        if (!state) return;
        if (update.x !== undefined) state.x = update.x;
        if (update.y !== undefined) state.y = update.y;
        if (update.heading !== undefined) state.heading = update.heading;
        if (update.moving !== undefined) state.moving = update.moving;
        observer.self?.(state, at);
      },
      seen: (entity: SeenEntity, at) => {
        const previousHeading = this.view.get(entity.id);
        this.view.set(entity.id, entity.heading);
        observer.seen?.(entity, at, previousHeading);
      },
      left: (entityId, at) => {
        if (this.view.delete(entityId)) observer.left?.(entityId, at);
      },
      viewing: () => this.view.keys(),
    };
  }
}
