import { io, type Socket } from 'socket.io-client';
import type { ServerEventName } from '@aether/shared';

/** A scripted player for integration tests: records every server event in order. */
export class TestClient {
  readonly received: Array<{ event: string; data: unknown }> = [];
  readonly socket: Socket;

  constructor(url: string, name: string) {
    this.socket = io(url, { auth: { token: `dev:${name}` }, transports: ['websocket'], reconnection: false, forceNew: true });
    this.socket.onAny((event: string, data: unknown) => this.received.push({ event, data }));
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
    const selected = await this.request('character_select', { characterId: created.character.id });
    if (!selected.ok) throw new Error(`select failed: ${JSON.stringify(selected.error)}`);
    await this.next('proximity_roster');
    return { characterId: created.character.id };
  }

  events<T = any>(event: ServerEventName): T[] {
    return this.received.filter((r) => r.event === event).map((r) => r.data as T);
  }

  /** Waits for the first `event` (received from now on, or already received when `since` is given) that matches. */
  next<T = any>(event: ServerEventName, match: (data: T) => boolean = () => true, timeoutMs = 5000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.socket.off(event, listener);
        reject(new Error(`no matching "${event}" within ${timeoutMs} ms; got ${JSON.stringify(this.received.slice(-5))}`));
      }, timeoutMs);
      const listener = (data: T) => {
        if (!match(data)) return;
        clearTimeout(timer);
        this.socket.off(event, listener);
        resolve(data);
      };
      this.socket.on(event, listener);
    });
  }

  close(): void {
    this.socket.close();
  }
}
