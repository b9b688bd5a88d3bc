import type { Socket } from 'socket.io-client';
import type {
  CharacterCreateAck,
  CharacterCreateRequest,
  CharacterListAck,
  CharacterSelectAck,
  CharacterSelectRequest,
  CharacterSummary,
  CommandRequest,
  ErrorPayload,
  GameEvent,
  MoveRequest,
  ProximityRoster,
  ProximityRosterDelta,
  StateUpdate,
  WorldEnter,
  ZoneAvailable,
} from '@aether/shared/protocol';
import { followFrames, type FrameSource } from '@aether/shared/wire';
import { ARCHETYPE_NAMES, type MudOptions } from './args.js';
import { MudNarrator } from './format.js';
import { SHORTCUT_HELP, parseInput } from './input.js';
import { PlayerState } from './player-state.js';
import { LatestThrottle } from './throttle.js';
import { formatWho } from './who-list.js';

interface ServerToClientEvents {
  world_enter: (data: WorldEnter) => void;
  proximity_roster: (data: ProximityRoster) => void;
  proximity_roster_delta: (data: ProximityRosterDelta) => void;
  state_update: (data: StateUpdate) => void;
  event: (data: GameEvent) => void;
  error: (data: ErrorPayload) => void;
  /** The zone a select was refused for (zone_unavailable) runs again: the lobby can select again. */
  zone_available: (data: ZoneAvailable) => void;
  /** The per-tick frame (docs/protocol.md, "Frames"); replayed as the events above. */
  frame: (data: Uint8Array) => void;
}

type NamedEvents = Omit<ServerToClientEvents, 'frame'>;

export interface ClientToServerEvents {
  character_list: (data: Record<string, never>, ack: (reply: CharacterListAck) => void) => void;
  character_create: (data: CharacterCreateRequest, ack: (reply: CharacterCreateAck) => void) => void;
  character_select: (data: CharacterSelectRequest, ack: (reply: CharacterSelectAck) => void) => void;
  command: (data: CommandRequest) => void;
  move: (data: MoveRequest) => void;
}

export type MudSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type AckedEvent = 'character_list' | 'character_create' | 'character_select';
type AckReply<E extends AckedEvent> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

/** What the session needs from the outside world; main.ts wires these to stdio. */
export interface MudIo {
  print(line: string): void;
  /** The player can type now (interactive terminals show a prompt). */
  ready(prompt: string): void;
  /**
   * The status prompt's text changed (`[HP 85/100 | ST 60/100 | ...]`): an
   * interactive terminal makes it the prompt, a script gets it as a line.
   */
  status(text: string): void;
  /** Called exactly once, when the session is over; `farewell` is its last line. */
  done(exitCode: number, farewell?: string): void;
}

type Phase = 'connecting' | 'lobby' | 'entering' | 'world' | 'closed';

const ACK_TIMEOUT_MS = 10_000;
/** With input finished and no world in sight, a script should fail rather than hang. */
const GIVE_UP_MS = 20_000;
/** The status prompt is redrawn at most twice a second: a fight changes it on nearly every tick. */
const STATUS_INTERVAL_MS = 500;

/**
 * One player's terminal session: connects, gets a character into the world,
 * then turns typed lines into protocol messages and server events into text.
 * Lines typed before the world is ready are queued, so piped scripts work.
 */
export class MudSession {
  private phase: Phase = 'connecting';
  private readonly pending: string[] = [];
  private pumping = false;
  private inputEnded = false;
  private everConnected = false;
  private outageReported = false;
  /** Bumped on every (re)connect so answers to an older attempt are ignored. */
  private attempt = 0;
  private characterId: string | undefined;
  private lobby: CharacterSummary[] = [];
  private readonly narrator = new MudNarrator();
  private readonly state = new PlayerState();
  private readonly statusLine = new LatestThrottle(STATUS_INTERVAL_MS, (text) => this.io.status(text));
  private readonly timers = new Set<NodeJS.Timeout>();
  private lingering = false;
  private awaitingAcks = 0;

  constructor(
    private readonly socket: MudSocket,
    private readonly options: MudOptions,
    private readonly io: MudIo,
  ) {}

  start(): void {
    const { socket } = this;
    socket.on('connect', () => this.onConnect());
    socket.on('connect_error', (error) => this.onConnectError(error));
    socket.on('disconnect', (reason) => this.onDisconnect(reason));
    const handlers: NamedEvents = {
      world_enter: (data) => {
        if (this.phase === 'closed') return;
        this.characterId = data.character.id;
        this.show(this.narrator.worldEnter(data));
        this.state.enter(data);
        this.phase = 'world';
        this.io.ready(`${data.character.name}> `);
        // A new zone (or a reconnect) starts a new view: show the status again even if it reads the same.
        this.statusLine.reset();
        this.refreshStatus();
        void this.pump();
      },
      proximity_roster: (data) => this.show(this.narrator.proximityRoster(data)),
      proximity_roster_delta: (data) => this.show(this.narrator.proximityRosterDelta(data)),
      state_update: (data) => {
        this.show(this.narrator.stateUpdate(data));
        this.show(this.state.update(data));
        this.refreshStatus();
      },
      event: (data) => this.show(formatWho(data, this.narrator.nearby, this.narrator.self?.name) ?? this.narrator.event(data)),
      error: (data) => {
        // The server reports a refused request twice, as an error event and in the ack; the ack handler speaks for it.
        if (this.awaitingAcks === 0) this.show(this.narrator.error(data));
      },
      zone_available: (data) => this.io.print(`* ${data.message}`),
    };
    const handle = (event: string, data: unknown) => {
      if (Object.hasOwn(handlers, event)) (handlers[event as keyof NamedEvents] as (data: unknown) => void)(data);
    };
    for (const event of Object.keys(handlers)) (socket as unknown as FrameSource).on(event, (data: unknown) => handle(event, data));
    followFrames(socket as unknown as FrameSource, handle);
    this.io.print(`Connecting to ${this.options.url} ...`);
    socket.connect();
  }

  input(line: string): void {
    this.pending.push(line);
    void this.pump();
  }

  endInput(): void {
    if (this.phase === 'closed') return;
    this.inputEnded = true;
    this.later(GIVE_UP_MS, () => {
      if (this.phase !== 'world') {
        this.io.print('! Gave up waiting to get into the world.');
        this.finish(1);
      }
    });
    this.maybeFinish();
  }

  finish(exitCode: number, farewell?: string): void {
    if (this.phase === 'closed') return;
    this.phase = 'closed';
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.statusLine.cancel();
    this.socket.disconnect();
    this.io.done(exitCode, farewell);
  }

  private show(lines: readonly string[]): void {
    for (const line of lines) this.io.print(line);
  }

  private refreshStatus(): void {
    const text = this.phase === 'world' ? this.state.status() : undefined;
    if (text) this.statusLine.offer(text);
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  private onConnect(): void {
    this.io.print(this.everConnected ? 'Reconnected.' : 'Connected.');
    this.everConnected = true;
    this.outageReported = false;
    void this.enter(++this.attempt);
  }

  private onConnectError(error: Error): void {
    if (this.phase === 'closed') return;
    // An inactive socket after connect_error means the server's middleware said no; retrying cannot help.
    if (!this.socket.active) {
      this.io.print(`! The server refused the login: ${error.message}`);
      this.finish(1);
      return;
    }
    if (!this.outageReported) {
      this.io.print(`! Cannot reach ${this.options.url} (${error.message}); retrying ...`);
      this.outageReported = true;
    }
  }

  private onDisconnect(reason: string): void {
    if (this.phase === 'closed') return;
    this.phase = 'connecting';
    if (reason === 'io server disconnect') {
      this.io.print('! The server closed the connection.');
      this.finish(1);
      return;
    }
    this.io.print(`! Connection lost (${reason}); reconnecting ...`);
    this.outageReported = true;
  }

  /** Runs after every connect: picks (or re-picks, after a reconnect) the character. */
  private async enter(attempt: number): Promise<void> {
    try {
      if (this.characterId) {
        await this.select(this.characterId, attempt, { fatal: true });
        return;
      }
      const list = await this.request('character_list', {});
      if (attempt !== this.attempt) return;
      if (!list.ok) return this.fail(list.error);
      this.lobby = list.characters;

      const { create, character } = this.options;
      if (create) {
        const created = await this.request('character_create', create);
        if (attempt !== this.attempt) return;
        if (created.ok) {
          this.io.print(`Created ${created.character.name}, a ${created.character.archetype}.`);
          return await this.select(created.character.id, attempt, { fatal: true });
        }
        // Re-running the same script should not fail just because the character now exists.
        const mine = created.error.code === 'name_taken' ? this.find(create.name) : undefined;
        if (!mine) return this.fail(created.error);
        return await this.select(mine.id, attempt, { fatal: true });
      }
      if (character) {
        const chosen = this.find(character);
        if (!chosen) return this.fail({ code: 'not_found', message: `You have no character called ${character}. ${this.yours()}` });
        return await this.select(chosen.id, attempt, { fatal: true });
      }
      if (this.lobby.length === 1) return await this.select(this.lobby[0]!.id, attempt, { fatal: true });
      this.openLobby();
    } catch (error) {
      if (attempt !== this.attempt || this.phase === 'closed') return;
      this.io.print(`! ${(error as Error).message}`);
      // A dropped connection is retried by the next connect; a live one that fails will keep failing.
      if (this.socket.connected) this.finish(1);
    }
  }

  private async select(characterId: string, attempt: number, how: { fatal: boolean }): Promise<void> {
    this.phase = 'entering';
    const reply = await this.request('character_select', { characterId });
    if (attempt !== this.attempt || reply.ok) return;
    if (how.fatal) return this.fail(reply.error);
    this.io.print(`! ${reply.error.message}`);
    this.openLobby();
  }

  private async request<E extends AckedEvent>(event: E, data: Parameters<ClientToServerEvents[E]>[0]): Promise<AckReply<E>> {
    this.awaitingAcks += 1;
    try {
      // socket.io's typings for timeout() + emitWithAck() lose the reply type; the interface above states it.
      const timed = this.socket.timeout(ACK_TIMEOUT_MS) as unknown as { emitWithAck(event: E, data: unknown): Promise<AckReply<E>> };
      return await timed.emitWithAck(event, data);
    } finally {
      this.awaitingAcks -= 1;
    }
  }

  private fail(error: ErrorPayload): void {
    this.io.print(`! ${error.message}`);
    this.finish(1);
  }

  private find(nameOrId: string): CharacterSummary | undefined {
    const wanted = nameOrId.toLowerCase();
    return this.lobby.find((c) => c.id === nameOrId || c.name.toLowerCase() === wanted);
  }

  private yours(): string {
    return this.lobby.length === 0 ? 'You have no characters yet.' : `Yours: ${this.lobby.map((c) => c.name).join(', ')}.`;
  }

  private openLobby(): void {
    if (this.lobby.length === 0) {
      this.io.print('You have no characters yet.');
    } else {
      this.io.print('Your characters:');
      this.lobby.forEach((c, i) => {
        this.io.print(`  ${i + 1}. ${c.name}, level ${c.level} ${c.archetype} (${c.zoneId})`);
      });
    }
    this.io.print(`Type a number or a name to play, or: create <Name> [${ARCHETYPE_NAMES.join('|')}]`);
    this.phase = 'lobby';
    this.io.ready('choose> ');
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.pending.length > 0 && (this.phase === 'lobby' || this.phase === 'world')) {
        const line = this.pending.shift()!;
        try {
          if (this.phase === 'lobby') await this.chooseInLobby(line);
          else await this.act(line);
        } catch (error) {
          // Only an unanswered ack lands here; after a reconnect, enter() takes over again.
          this.io.print(`! ${(error as Error).message}`);
          if ((this.phase as Phase) === 'entering' && this.socket.connected) this.phase = 'lobby';
        }
      }
    } finally {
      this.pumping = false;
    }
    this.maybeFinish();
  }

  private async chooseInLobby(line: string): Promise<void> {
    const text = line.trim();
    if (text === '') return;
    if (/^(quit|exit)$/i.test(text)) return this.finish(0);
    const attempt = this.attempt;
    const create = /^create\s+(\S+)(?:\s+(\S+))?$/i.exec(text);
    if (create) {
      const archetype = create[2]?.toLowerCase();
      if (archetype !== undefined && !(ARCHETYPE_NAMES as readonly string[]).includes(archetype)) {
        this.io.print(`! Archetypes are ${ARCHETYPE_NAMES.join(', ')}.`);
        return;
      }
      const request = { name: create[1]!, ...(archetype ? { archetype: archetype as CharacterCreateRequest['archetype'] } : {}) };
      this.phase = 'entering';
      const reply = await this.request('character_create', request);
      if (attempt !== this.attempt) return;
      if (!reply.ok) {
        this.io.print(`! ${reply.error.message}`);
        this.phase = 'lobby';
        return;
      }
      this.io.print(`Created ${reply.character.name}, a ${reply.character.archetype}.`);
      return this.select(reply.character.id, attempt, { fatal: false });
    }
    const index = /^\d+$/.test(text) ? Number(text) - 1 : -1;
    const chosen = this.lobby[index] ?? this.find(text);
    if (!chosen) {
      this.io.print(`! No character ${text}. Type a number from the list, a name, or create <Name> [archetype].`);
      return;
    }
    await this.select(chosen.id, attempt, { fatal: false });
  }

  private async act(line: string): Promise<void> {
    const action = parseInput(line);
    switch (action.kind) {
      case 'none':
        return;
      case 'command':
        this.socket.emit('command', { text: action.text });
        return;
      case 'move':
        this.socket.emit('move', action.move);
        return;
      case 'approach': {
        // The roster holds every entity in sight with its last position, wildlife included.
        const id = this.state.targetId();
        const target = this.narrator.nearby.find((entry) => entry.id === id);
        if (target) this.socket.emit('move', { target: { x: target.x, y: target.y } });
        else this.io.print(id ? '! Your target is out of sight.' : '! You have no target: /target <name> first.');
        return;
      }
      case 'help':
        this.show(SHORTCUT_HELP);
        return;
      case 'table': {
        // Drawn here from the state the server keeps sending, rather than from the server's prose
        // answer: the data is structured, so columns line up without parsing text meant for people.
        const table = action.what === 'inventory' ? this.state.inventory() : this.state.questLog();
        if (table) this.show(table);
        else this.socket.emit('command', { text: action.text });
        return;
      }
      case 'wait':
        await new Promise<void>((resolve) => this.later(action.ms, resolve));
        return;
      case 'quit':
        this.finish(0, 'Goodbye.');
        return;
    }
  }

  /** Piped input has run out: give the server a moment to answer the last lines, then leave. */
  private maybeFinish(): void {
    if (!this.inputEnded || this.pending.length > 0 || this.pumping || this.lingering) return;
    if (this.phase === 'lobby') {
      this.io.print('! Input ended before a character was chosen.');
      this.finish(1);
    } else if (this.phase === 'world') {
      this.lingering = true;
      this.later(this.options.lingerMs, () => this.finish(0));
    }
  }
}
