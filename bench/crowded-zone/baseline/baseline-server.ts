import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server as SocketServer, type Socket } from 'socket.io';
import { Grid } from './grid.js';
import { TickLoop } from './tick-loop.js';
import { TickStats } from './tick-stats.js';
import { ENTER_EVENT, POSITIONS_EVENT, type EnterPayload, type PositionEntry } from './wire-format.js';
import { BaselineWorld, type Walker } from './world.js';

export interface BaselineOptions {
  port: number;
  host?: string;
  tickRate: number;
  /** Side of the square world, metres. */
  size: number;
  perception: number;
  maxSpeed: number;
}

const DEV_TOKEN = /^dev:([A-Za-z0-9_-]{1,32})$/;

/**
 * The obvious implementation of a crowded zone, to measure Aether against:
 * one Socket.IO server, one world, and every tick every player is sent
 * everything within perception range as JSON. It accepts the bots' handshake
 * (`dev:<name>`, plus `x`, `y` to stand at) and their character_list,
 * character_select and move requests. `GET /stats?from=<tick>` reports its ticks.
 */
export class BaselineServer {
  private readonly http: HttpServer;
  private readonly io: SocketServer;
  private readonly world: BaselineWorld;
  private readonly grid: Grid<Walker>;
  private readonly sockets = new Map<string, Socket>();
  private readonly stats = new TickStats();
  private readonly loop: TickLoop;

  constructor(private readonly options: BaselineOptions) {
    this.world = new BaselineWorld(options.size, options.maxSpeed);
    this.grid = new Grid(options.perception);
    this.http = createServer((request, response) => this.serve(request, response));
    this.io = new SocketServer(this.http, { maxHttpBufferSize: 64 * 1024, serveClient: false });
    this.io.use((socket, next) => {
      const problem = this.admit(socket);
      next(problem ? new Error(problem) : undefined);
    });
    this.io.on('connection', (socket) => this.onConnection(socket));
    this.loop = new TickLoop(1000 / options.tickRate, (dt) => this.tick(dt));
  }

  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.options.port, this.options.host, () => {
        this.http.off('error', reject);
        resolve();
      });
    });
    this.loop.start();
  }

  async stop(): Promise<void> {
    this.loop.stop();
    await new Promise<void>((resolve) => this.io.close(() => resolve()));
  }

  /** Checks the handshake; answers why it is refused, or undefined. */
  private admit(socket: Socket): string | undefined {
    const auth = (socket.handshake.auth ?? {}) as Record<string, unknown>;
    const match = typeof auth.token === 'string' ? DEV_TOKEN.exec(auth.token) : null;
    if (!match) return 'the handshake needs auth: { token: "dev:<name>" }';
    const centre = this.options.size / 2;
    const x = auth.x ?? centre;
    const y = auth.y ?? centre;
    const inside = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= this.options.size;
    if (!inside(x) || !inside(y)) return `x and y must be numbers in 0..${this.options.size}`;
    socket.data = { name: match[1]!.toLowerCase(), x, y };
    return undefined;
  }

  private onConnection(socket: Socket): void {
    const { name, x, y } = socket.data as { name: string; x: number; y: number };
    socket.on('character_list', (ack: unknown) => {
      if (typeof ack === 'function') ack({ ok: true, characters: [{ id: name, name }] });
    });
    socket.on('character_select', (request: { characterId?: unknown } | undefined, ack: unknown) => {
      const reply = typeof ack === 'function' ? (ack as (response: unknown) => void) : () => {};
      if (request?.characterId !== name) return reply({ ok: false, error: { code: 'not_found', message: 'You have no character with that id.' } });
      // One connection per player: a second login replaces the first.
      this.sockets.get(name)?.disconnect(true);
      this.sockets.set(name, socket);
      const walker = this.world.add(name, x, y);
      reply({ ok: true });
      const enter: EnterPayload = { id: name, x: walker.x, y: walker.y, heading: walker.heading };
      socket.emit(ENTER_EVENT, enter);
    });
    socket.on('move', (move: { heading?: unknown; speed?: unknown; stop?: unknown } | undefined) => {
      if (this.sockets.get(name) !== socket || typeof move !== 'object' || move === null) return;
      if (move.stop === true) return this.world.stop(name);
      const { heading, speed } = move;
      if (typeof heading !== 'number' || typeof speed !== 'number' || !(heading >= 0 && heading <= 360) || !(speed >= 0 && speed <= 100)) return;
      this.world.walk(name, heading, speed);
    });
    socket.on('disconnect', () => {
      if (this.sockets.get(name) !== socket) return;
      this.sockets.delete(name);
      this.world.remove(name);
    });
  }

  private tick(dt: number): void {
    const started = performance.now();
    this.world.advance(dt);
    this.grid.rebuild(this.world.walkers.values());
    for (const walker of this.world.walkers.values()) {
      const socket = this.sockets.get(walker.id);
      if (!socket) continue;
      const visible: PositionEntry[] = [];
      this.grid.forEachWithin(walker.x, walker.y, this.options.perception, (other) => visible.push(other.entry));
      socket.emit(POSITIONS_EVENT, visible);
    }
    this.stats.record(performance.now() - started);
  }

  private serve(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://baseline');
    if (url.pathname === '/health') {
      json(response, 200, { status: 'ok', players: this.world.walkers.size });
    } else if (url.pathname === '/stats') {
      const from = Number(url.searchParams.get('from') ?? 0);
      if (!Number.isInteger(from) || from < 0) json(response, 400, { error: 'from must be a tick number' });
      else json(response, 200, { tickRate: this.options.tickRate, players: this.world.walkers.size, ...this.stats.since(from) });
    } else {
      json(response, 404, { error: `nothing at ${url.pathname}` });
    }
  }
}

function json(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
