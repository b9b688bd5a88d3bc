// What this client knows about the world, exactly as the server last said it.
// Rendering smooths positions on its own copy; this store never guesses, so
// the test hook (window.aether) reads authoritative values.

const LOG_LIMIT = 300;

export class WorldState {
  constructor() {
    /** @type {'idle'|'connecting'|'connected'|'reconnecting'|'disconnected'} */
    this.connection = 'idle';
    this.account = '';
    /** @type {null | {id:string, entityId:string, name:string, archetype:string, level:number, x:number, y:number, z:number, heading:number, moving:boolean, resources:Record<string, number>}} */
    this.self = null;
    /** @type {null | {id:string, name:string, bounds:{minX:number,minY:number,maxX:number,maxY:number}, adjacent:string[]}} */
    this.zone = null;
    /** @type {Map<string, any>} roster entries by entity id */
    this.roster = new Map();
    /** @type {{kind:'event'|'error'|'system', type?:string, text:string, ts:number}[]} */
    this.log = [];
    /** Where a click sent us; drawn until we stop. */
    this.moveTarget = null;
    this.listeners = new Set();
    /** The frame decoder's model (ClientView from /wire/): entities walk on between frames. */
    this.view = null;
    /** When the latest frame arrived (performance.now()) and which tick it was. */
    this.lastFrame = { at: 0, tick: 0 };
  }

  frameArrived() {
    if (!this.view) return;
    if (this.view.currentTick !== this.lastFrame.tick) this.lastFrame = { at: performance.now(), tick: this.view.currentTick };
  }

  /** The server tick now, by the clock since the last frame (fractional, at most one second ahead). */
  tickNow() {
    if (!this.view) return 0;
    const elapsed = Math.min(1000, performance.now() - this.lastFrame.at);
    return this.lastFrame.tick + elapsed / this.view.intervalMs;
  }

  /** Everyone in view with positions carried forward to now, by entity id. */
  livePositions() {
    const positions = new Map();
    if (!this.view) return positions;
    const tick = this.tickNow();
    for (const entry of this.view.entries(tick)) positions.set(entry.id, entry);
    const self = this.view.self(tick);
    if (self) positions.set('self', self);
    return positions;
  }

  /** Calls `listener(what)` after every change; returns an unsubscribe function. */
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(what) {
    for (const listener of this.listeners) listener(what);
  }

  setConnection(state) {
    if (this.connection === state) return;
    this.connection = state;
    this.notify('connection');
  }

  worldEnter({ character, zone }) {
    this.self = { ...character, moving: false };
    this.zone = zone;
    this.roster.clear();
    this.moveTarget = null;
    this.notify('world');
  }

  fullRoster({ entities }) {
    this.roster.clear();
    for (const entry of entities) if (entry.id !== this.self?.entityId) this.roster.set(entry.id, entry);
    this.notify('roster');
  }

  rosterDelta({ added, removed, changed }) {
    for (const id of removed) this.roster.delete(id);
    for (const entry of [...added, ...changed]) if (entry.id !== this.self?.entityId) this.roster.set(entry.id, entry);
    this.notify('roster');
  }

  stateUpdate({ character }) {
    if (!character || !this.self) return;
    const { resources } = this.self;
    for (const [key, value] of Object.entries(character)) {
      if (key in resources) resources[key] = value;
      else this.self[key] = value;
    }
    if (character.moving === false) this.moveTarget = null;
    this.notify('self');
  }

  addLog(kind, text, type) {
    this.log.push({ kind, type, text, ts: Date.now() });
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
    this.notify('log');
  }

  leaveWorld() {
    this.self = null;
    this.zone = null;
    this.roster.clear();
    this.moveTarget = null;
    this.notify('world');
  }

  /** Distance in metres from us to an entry, from the freshest positions we have. */
  rangeTo(entry) {
    if (!this.self) return entry.range;
    return Math.hypot(entry.x - this.self.x, entry.y - this.self.y, entry.z - this.self.z);
  }
}
