// The Socket.IO link to the gateway. The server serves this bundle itself, so
// the page works offline and always matches the server's Socket.IO version.
import { io } from '/socket.io/socket.io.esm.min.js';
// The frame decoder and the Socket.IO parser for frames, served from shared/src/wire as built.
import { clientParser, followFrames, PROTOCOL_VERSION } from '/wire/index.js';

const ACK_TIMEOUT_MS = 10_000;

export class Connection {
  /**
   * @param {import('./world.js').WorldState} world
   * @param {{ onRefused(message: string): void, onConnected(reconnected: boolean): void, onZoneAvailable?(message: string, zoneId: string): void }} hooks
   */
  constructor(world, hooks) {
    this.world = world;
    this.hooks = hooks;
    this.socket = null;
    /** Character to put back into the world after a reconnect. */
    this.characterId = null;
  }

  /**
   * @param {() => Promise<string>} getToken asked before every connect and
   * reconnect, so each handshake carries a fresh access token (password mode
   * refreshes it when it is about to expire).
   */
  open(getToken) {
    this.close();
    let tokenProblem = null;
    const auth = (send) => {
      getToken().then(
        (token) => {
          tokenProblem = null;
          send({ token, protocol: PROTOCOL_VERSION });
        },
        (error) => {
          // No token to send: the server refuses the handshake, and onRefused tells why from here.
          tokenProblem = error.message;
          send({ protocol: PROTOCOL_VERSION });
        },
      );
    };
    const socket = io({ auth, autoConnect: false, reconnectionDelayMax: 5_000, parser: clientParser });
    this.socket = socket;
    let connectedBefore = false;

    socket.on('connect', () => {
      this.world.setConnection('connected');
      this.hooks.onConnected(connectedBefore);
      connectedBefore = true;
    });
    socket.on('connect_error', (error) => {
      // After a middleware refusal the socket stays inactive; retrying would only be refused again.
      if (!socket.active) {
        this.world.setConnection('disconnected');
        this.hooks.onRefused(tokenProblem ?? error.message, error.data?.code);
      } else {
        this.world.setConnection(connectedBefore ? 'reconnecting' : 'connecting');
      }
    });
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') return;
      const permanent = reason === 'io server disconnect';
      this.world.setConnection(permanent ? 'disconnected' : 'reconnecting');
      this.world.addLog('system', permanent ? 'The server closed the connection.' : `Connection lost (${reason}); reconnecting…`);
    });

    const handlers = {
      world_enter: (data) => {
        this.characterId = data.character.id;
        this.world.worldEnter(data);
      },
      proximity_roster: (data) => this.world.fullRoster(data),
      proximity_roster_delta: (data) => this.world.rosterDelta(data),
      state_update: (data) => this.world.stateUpdate(data),
      event: (data) => this.world.gameEvent(data),
      error: (data) => this.world.addLog('error', data.message, data.code),
      // A select refused with zone_unavailable can be tried again: the zone runs now.
      zone_available: (data) => this.hooks.onZoneAvailable?.(data.message, data.zoneId),
    };
    for (const [event, handler] of Object.entries(handlers)) socket.on(event, handler);
    // Each tick's frame carries the view's changes and the tick's messages; it is replayed as the events above.
    this.world.view = followFrames(socket, (event, data) => {
      this.world.frameArrived();
      if (Object.hasOwn(handlers, event)) handlers[event](data);
    });

    this.world.setConnection('connecting');
    socket.connect();
  }

  close() {
    if (!this.socket) return;
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.socket = null;
    this.characterId = null;
    this.world.setConnection('idle');
  }

  /** After the server closed the link for good, try again on request. */
  reopen() {
    if (this.socket && !this.socket.connected) {
      this.world.setConnection('connecting');
      this.socket.connect();
    }
  }

  request(event, payload) {
    if (!this.socket) return Promise.reject(new Error('not connected'));
    return this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload);
  }

  /** Fire-and-forget messages (moves, commands); the server answers with events. */
  send(event, payload) {
    if (this.socket?.connected) this.socket.emit(event, payload);
  }

  listCharacters() {
    return this.request('character_list', {});
  }

  createCharacter(name, archetype) {
    return this.request('character_create', { name, archetype });
  }

  async selectCharacter(characterId) {
    const reply = await this.request('character_select', { characterId });
    if (reply.ok) this.characterId = characterId;
    return reply;
  }
}
