// What this client knows about the world, exactly as the server last said it.
// Rendering smooths positions on its own copy; this store never guesses, so
// the test hook (window.aether) reads authoritative values.

const LOG_LIMIT = 300;
/** Floating combat numbers kept at once; a big fight shows the latest. */
const MAX_FLOATERS = 40;

/**
 * How a combat line reads for us: `out` (we dealt it), `in` (we took it),
 * `heal`, `miss`, `interrupt`, `death`, or `other` (between others).
 */
function combatTone(detail, selfId) {
  if (detail.result === 'heal') return 'heal';
  if (detail.result === 'death') return 'death';
  if (detail.result === 'miss') return 'miss';
  if (detail.result === 'interrupt') return 'interrupt';
  if (detail.target.id === selfId) return 'in';
  if (detail.source?.id === selfId) return 'out';
  return 'other';
}

/** The number (or word) to float over the one it happened to, or null for what shows no number. */
function floaterFor(detail, tone) {
  const critical = detail.flags?.includes('critical') ?? false;
  const base = { targetId: detail.target.id, tone, critical };
  if (detail.result === 'miss') return { ...base, text: 'miss' };
  if (detail.result === 'interrupt') return { ...base, text: 'interrupted' };
  if (detail.result === 'status') return { ...base, text: detail.ability ?? 'status' };
  if (detail.amount === undefined || (detail.result !== 'hit' && detail.result !== 'heal')) return null;
  const amount = Math.round(detail.amount);
  return { ...base, text: detail.result === 'heal' ? `+${amount}` : `${amount}${critical ? '!' : ''}` };
}

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
    /** @type {{kind:'event'|'error'|'system', type?:string, tone?:string, text:string, ts:number}[]} */
    this.log = [];
    /** Where a click sent us; drawn until we stop. */
    this.moveTarget = null;
    this.listeners = new Set();
    /** The frame decoder's model (ClientView from /wire/): entities walk on between frames. */
    this.view = null;
    /** When the latest frame arrived (performance.now()) and which tick it was. */
    this.lastFrame = { at: 0, tick: 0 };
    this.clearPlay();
  }

  /** Everything the server tells about the character beyond where it stands (state_update parts). */
  clearPlay() {
    /** The combat view (`state_update.combat`); its counters are as of `combatAt` (performance.now()). */
    this.combat = null;
    this.combatAt = 0;
    /** Party members other than us; empty when in no party. */
    this.allies = [];
    /** Coins, bags and equipment, or null until the server sends them. */
    this.belongings = null;
    /** The loot waiting for us (its `expiresIn` as of `lootAt`), or null. */
    this.loot = null;
    this.lootAt = 0;
    /** Our quest log and what NPCs nearby offer. */
    this.quests = [];
    /** The zone's PvP policy and our duel, or null until told. */
    this.pvp = null;
    /** Combat numbers still floating on the map: {targetId, text, tone, critical, born}. */
    this.floaters = [];
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

  stateUpdate(update) {
    const { character } = update;
    if (character && this.self) {
      const { resources } = this.self;
      for (const [key, value] of Object.entries(character)) {
        if (key in resources) resources[key] = value;
        else this.self[key] = value;
      }
      if (character.moving === false) this.moveTarget = null;
      this.notify('self');
    }
    // Each part, when present, replaces what we knew; absent parts did not change.
    const now = performance.now();
    if (update.combat) {
      this.combat = update.combat;
      this.combatAt = now;
      this.notify('combat');
    }
    if (update.allies) {
      this.allies = update.allies;
      this.notify('allies');
    }
    if (update.belongings) {
      this.belongings = update.belongings;
      this.notify('belongings');
    }
    if (update.loot !== undefined) {
      this.loot = update.loot;
      this.lootAt = now;
      this.notify('loot');
    }
    if (update.quests) {
      this.quests = update.quests;
      this.notify('quests');
    }
    if (update.pvp) {
      this.pvp = update.pvp;
      this.notify('self');
    }
  }

  /** A game event: a log line, and a floating number on the map when it carries combat facts. */
  gameEvent(event) {
    const tone = event.combat ? combatTone(event.combat, this.self?.entityId) : undefined;
    this.addLog('event', event.text, event.type, tone);
    if (event.combat && tone) {
      const floater = floaterFor(event.combat, tone);
      if (floater) {
        this.floaters.push({ ...floater, born: performance.now() });
        if (this.floaters.length > MAX_FLOATERS) this.floaters.shift();
      }
    }
  }

  addLog(kind, text, type, tone) {
    this.log.push({ kind, type, tone, text, ts: Date.now() });
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
    this.notify('log');
  }

  leaveWorld() {
    this.self = null;
    this.zone = null;
    this.roster.clear();
    this.moveTarget = null;
    this.clearPlay();
    this.notify('world');
  }

  /** Distance in metres from us to an entry, from the freshest positions we have. */
  rangeTo(entry) {
    if (!this.self) return entry.range;
    return Math.hypot(entry.x - this.self.x, entry.y - this.self.y, entry.z - this.self.z);
  }
}
