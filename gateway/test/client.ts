import { io, type Socket } from 'socket.io-client';
import type { ServerEventName } from '@aether/shared';
import { clientParser, followFrames, FRAME_EVENT, PROTOCOL_VERSION, type ClientView } from '@aether/shared/wire';

type Listener = (data: any) => void;

/**
 * A scripted player for integration tests: records every server event in
 * order. Frames are replayed as the named events they carry (world_enter,
 * proximity_roster, proximity_roster_delta, state_update, event, …), so tests
 * read the world as a client sees it.
 */
export class TestClient {
  readonly received: Array<{ event: string; data: unknown }> = [];
  readonly socket: Socket;
  readonly view: ClientView;
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(url: string, name: string, auth: Record<string, unknown> = {}) {
    this.socket = io(url, {
      auth: { token: `dev:${name}`, protocol: PROTOCOL_VERSION, ...auth },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      parser: clientParser,
    });
    this.socket.onAny((event: string, data: unknown) => {
      if (event !== FRAME_EVENT) this.dispatch(event, data);
    });
    this.view = followFrames(this.socket, (event, data) => this.dispatch(event, data));
  }

  async connected(): Promise<this> {
    if (this.socket.connected) return this;
    await new Promise<void>((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
    });
    return this;
  }

  request<T = any>(event: string, payload?: unknown): Promise<T> {
    return payload === undefined ? this.socket.timeout(5000).emitWithAck(event) : this.socket.timeout(5000).emitWithAck(event, payload);
  }

  /** Creates a character and enters the world with it; resolves with the first full roster. */
  async enterWorld(name: string): Promise<{ characterId: string }> {
    const created = await this.request('character_create', { name });
    if (!created.ok) throw new Error(`create failed: ${JSON.stringify(created.error)}`);
    const roster = this.next('proximity_roster');
    const selected = await this.request('character_select', { characterId: created.character.id });
    if (!selected.ok) throw new Error(`select failed: ${JSON.stringify(selected.error)}`);
    await roster;
    return { characterId: created.character.id };
  }

  events<T = any>(event: ServerEventName): T[] {
    return this.received.filter((r) => r.event === event).map((r) => r.data as T);
  }

  /** Calls `listener` for every `event` from now on, frames' contents included. */
  on(event: string, listener: Listener): void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
  }

  off(event: string, listener: Listener): void {
    this.listeners.get(event)?.delete(listener);
  }

  /** Waits for the first `event` received from now on that matches. */
  next<T = any>(event: ServerEventName, match: (data: T) => boolean = () => true, timeoutMs = 5000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off(event, listener);
        reject(new Error(`no matching "${event}" within ${timeoutMs} ms; got ${JSON.stringify(this.received.slice(-5))}`));
      }, timeoutMs);
      const listener = (data: T) => {
        if (!match(data)) return;
        clearTimeout(timer);
        this.off(event, listener);
        resolve(data);
      };
      this.on(event, listener);
    });
  }

  close(): void {
    this.socket.close();
  }

  private dispatch(event: string, data: unknown): void {
    this.received.push({ event, data });
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(data);
  }
}
