// Entry point: builds the pieces and wires them together. The modules hold no
// globals of their own; everything shared is created here and passed in.
import { PasswordSession, ProviderToken } from './auth-session.js';
import { Connection } from './connection.js';
import { KeyboardWalker } from './controls.js';
import { CharacterScreen, LoginScreen } from './lobby.js';
import { MapView } from './map-view.js';
import { ConnectionBadge, LogPanel, RosterPanel, StatusPanel } from './panels.js';
import { CombatPanel } from './panels/combat-panel.js';
import { InventoryPanel } from './panels/inventory-panel.js';
import { LootWindow } from './panels/loot-window.js';
import { PartyPanel } from './panels/party-panel.js';
import { QuestLog } from './panels/quest-log.js';
import { TargetFrame } from './panels/target-frame.js';
import { WindowToggles } from './panels/window-toggles.js';
import { WorldState } from './world.js';

const $ = (selector) => document.querySelector(selector);

const world = new WorldState();
const screens = { login: $('#screen-login'), characters: $('#screen-characters'), game: $('#screen-game') };
let screen = 'login';

function show(name) {
  screen = name;
  for (const [key, node] of Object.entries(screens)) node.hidden = key !== name;
  $('#account').textContent = world.account ? `as ${world.account}` : '';
  $('#logout').hidden = name === 'login';
  walker.setEnabled(name === 'game');
  if (name === 'game') {
    // Focus would otherwise stay on the now hidden Play button, where Enter or Space would press it again.
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    mapView.start();
  }
}

const connection = new Connection(world, {
  onRefused(message, code) {
    // A token the server no longer takes is of no use on the next visit either.
    if (code === 'unauthorized' || code === 'banned') {
      if (authMode === 'jwt') provider.forget();
      if (authMode === 'password' && code === 'banned') session.forget();
    }
    world.account = '';
    show('login');
    login.say(`The server refused the login: ${message}`);
    login.focus();
  },
  onZoneAvailable(message, zoneId) {
    world.addLog('system', message);
    if (screen === 'characters') characters.zoneAvailable(zoneId, message);
  },
  onConnected(reconnected) {
    if (reconnected && connection.characterId) {
      world.addLog('system', 'Reconnected.');
      // The server forgets who we were with the old socket; step back in as the same character.
      connection.selectCharacter(connection.characterId).then(
        (reply) => {
          if (!reply.ok) backToCharacters(reply.error.message);
        },
        (error) => backToCharacters(error.message),
      );
      return;
    }
    show('characters');
    void characters.refresh();
  },
});

function backToCharacters(message) {
  world.leaveWorld();
  show('characters');
  characters.say(message);
  void characters.refresh();
}

// How this server logs players in (AUTH_MODE, from /api/info): dev, password or jwt (docs/clients.md).
let authMode = 'dev';
const session = new PasswordSession();
const provider = new ProviderToken();
// A background refresh found the session over (logged out elsewhere, banned): leave the world and say so.
session.onEnded = (message) => {
  connection.close();
  world.leaveWorld();
  world.account = '';
  show('login');
  login.say(message);
};

function enter(account, getToken) {
  world.account = account;
  login.say('');
  connection.open(getToken);
}

const login = new LoginScreen(screens.login, {
  onDev(name) {
    enter(name, async () => `dev:${name}`);
  },
  async onPassword(action, username, password, remember) {
    login.say(action === 'register' ? 'Creating your account…' : 'Logging in…');
    try {
      const account = action === 'register' ? await session.register(username, password, remember) : await session.login(username, password, remember);
      enter(account.username, () => session.token());
    } catch (error) {
      login.say(error.message);
      login.focus();
    }
  },
  onToken(token) {
    provider.set(token);
    enter(provider.displayName(), async () => provider.value ?? Promise.reject(new Error('Paste a token first.')));
  },
});

/** On load: the server's login mode, then straight in when a stored session or a token from the address allows it. */
async function start() {
  try {
    const info = await fetch('/api/info').then((response) => response.json());
    authMode = info.auth?.mode ?? 'dev';
  } catch {
    login.say('Cannot reach the server; is it running?');
  }
  login.setMode(authMode);
  if (authMode === 'password' && session.stored()) {
    login.say('Logging you back in…');
    try {
      const account = await session.refresh();
      enter(account.username, () => session.token());
      return;
    } catch (error) {
      login.say(error.code === 'unauthorized' ? 'Your session has ended; log in again.' : error.message);
    }
  }
  if (authMode === 'jwt' && (provider.takeFromAddress() || provider.value)) {
    enter(provider.displayName(), async () => provider.value ?? Promise.reject(new Error('Paste a token first.')));
    return;
  }
  login.focus();
}
const characters = new CharacterScreen(screens.characters, connection);
const walker = new KeyboardWalker((move) => connection.send('move', move));
walker.attach(window);
const mapView = new MapView($('#map'), world);
const badge = new ConnectionBadge($('#connection'), $('#reconnect'));
const status = new StatusPanel($('#status'));
const log = new LogPanel($('#log'));

/** What a click in a panel does: the same command a player would type, through the same socket message. */
function sendCommand(text) {
  connection.send('command', { text });
}
const roster = new RosterPanel($('#roster-list'), $('#roster-count'), (entityId, attack) => sendCommand(`/${attack ? 'attack' : 'target'} ${entityId}`));
const targetFrame = new TargetFrame($('#target-frame'), sendCommand);
const combatPanel = new CombatPanel($('#combat-state'));
const party = new PartyPanel($('#party'), $('#party-list'));
const inventory = new InventoryPanel($('#inventory'), sendCommand);
const quests = new QuestLog($('#quest-log'), $('#quest-log [data-quests="body"]'), sendCommand);
const loot = new LootWindow($('#loot'), sendCommand);
const windows = new WindowToggles(() => screen === 'game');
windows.add('inventory', $('#inventory'), $('#toggle-inventory'), ['KeyI'], () => inventory.render(world));
windows.add('quests', $('#quest-log'), $('#toggle-quests'), ['KeyL', 'KeyJ'], () => quests.render(world));
windows.attach(window);

/** Draws the game panels from the store (after entering or leaving the world). */
function renderGamePanels() {
  targetFrame.render(world);
  combatPanel.render(world);
  party.render(world);
  if (windows.isOpen('inventory')) inventory.render(world);
  if (windows.isOpen('quests')) quests.render(world);
  loot.render(world);
}

// Counters (ATB, casts, swings, cooldowns, loot) run on between the server's reports.
setInterval(() => {
  if (screen !== 'game') return;
  combatPanel.tick();
  loot.tick();
}, 100);

// Roster deltas arrive up to 20 times a second; redraw the DOM panels at most once per frame's worth of time.
let panelsQueued = false;
function queuePanels() {
  if (panelsQueued) return;
  panelsQueued = true;
  setTimeout(() => {
    panelsQueued = false;
    status.render(world);
    roster.render(world);
  }, 50);
}

world.subscribe((what) => {
  switch (what) {
    case 'connection':
      badge.render(world.connection);
      break;
    case 'world':
      if (world.self) {
        show('game');
        document.title = `${world.self.name} · Aether`;
      } else {
        windows.closeAll();
      }
      renderGamePanels();
      queuePanels();
      break;
    case 'roster':
    case 'self':
      queuePanels();
      break;
    case 'combat':
      targetFrame.render(world);
      combatPanel.render(world);
      queuePanels(); // the roster marks the target
      break;
    case 'allies':
      party.render(world);
      break;
    case 'belongings':
      if (windows.isOpen('inventory')) inventory.render(world);
      break;
    case 'quests':
      if (windows.isOpen('quests')) quests.render(world);
      break;
    case 'loot':
      loot.render(world);
      break;
    case 'log':
      log.render(world);
      break;
  }
});

$('#map').addEventListener('click', (event) => {
  if (!world.self || !world.zone) return;
  const point = mapView.toWorld(event.offsetX, event.offsetY);
  const b = world.zone.bounds;
  const target = { x: clamp(point.x, b.minX, b.maxX), y: clamp(point.y, b.minY, b.maxY) };
  world.moveTarget = target;
  walker.yieldControl();
  connection.send('move', { target: { x: round1(target.x), y: round1(target.y) } });
});

const wholeZoneButton = $('#whole-zone');
function setWholeZone(on) {
  mapView.setWholeZone(on);
  wholeZoneButton.setAttribute('aria-pressed', String(on));
}
wholeZoneButton.addEventListener('click', () => setWholeZone(!mapView.wholeZone));
$('#zoom-in').addEventListener('click', () => {
  mapView.zoom(1.4);
  setWholeZone(false);
});
$('#zoom-out').addEventListener('click', () => {
  mapView.zoom(1 / 1.4);
  setWholeZone(false);
});
$('#map').addEventListener('wheel', () => setWholeZone(false), { passive: true });

function clamp(value, min, max) {
  return Math.min(max, Math.max(min, value));
}

function round1(value) {
  return Math.round(value * 10) / 10;
}

// The command line keeps a short history, like a shell.
const commandInput = $('#command-input');
const history = [];
let historyIndex = 0;
$('#command-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = commandInput.value.trim();
  if (!text) return;
  connection.send('command', { text });
  if (history[history.length - 1] !== text) history.push(text);
  historyIndex = history.length;
  commandInput.value = '';
});
commandInput.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') commandInput.blur();
  else if (event.key === 'ArrowUp' && historyIndex > 0) commandInput.value = history[--historyIndex];
  else if (event.key === 'ArrowDown' && historyIndex < history.length) commandInput.value = history[++historyIndex] ?? '';
  else return;
  event.preventDefault();
});
window.addEventListener('keydown', (event) => {
  if (screen === 'game' && event.key === 'Enter' && document.activeElement !== commandInput) {
    event.preventDefault();
    commandInput.focus();
  }
});

$('#logout').addEventListener('click', async () => {
  connection.close();
  world.leaveWorld();
  world.account = '';
  // The server revokes the refresh token; this browser forgets it and the provider's token.
  if (authMode === 'password') await session.logout();
  if (authMode === 'jwt') provider.forget();
  show('login');
  login.say('');
  login.focus();
});
$('#reconnect').addEventListener('click', () => connection.reopen());

// Read-only view for automated tests and the curious: state as the server last described it
// (positions carried forward along the motion it reported).
window.aether = Object.freeze({
  get connection() {
    return world.connection;
  },
  get screen() {
    return screen;
  },
  get authMode() {
    return authMode;
  },
  get account() {
    return world.account;
  },
  get self() {
    return world.self ? structuredClone(world.self) : null;
  },
  get zone() {
    return world.zone ? structuredClone(world.zone) : null;
  },
  get roster() {
    const live = world.livePositions();
    return [...world.roster.values()].map((entry) => ({ ...entry, ...(live.has(entry.id) ? pick(live.get(entry.id)) : {}) }));
  },
  get log() {
    return world.log.map((entry) => ({ ...entry }));
  },
  // The game panels' data, as the server last sent it (state_update parts).
  get combat() {
    return structuredClone(world.combat);
  },
  get allies() {
    return structuredClone(world.allies);
  },
  get belongings() {
    return structuredClone(world.belongings);
  },
  get loot() {
    return structuredClone(world.loot);
  },
  get quests() {
    return structuredClone(world.quests);
  },
  get pvp() {
    return structuredClone(world.pvp);
  },
  /** Combat numbers floating on the map now. */
  get floaters() {
    return world.floaters.map(({ targetId, text, tone, critical }) => ({ targetId, text, tone, critical }));
  },
});

function pick({ x, y, z, range, bearing }) {
  return Object.fromEntries(Object.entries({ x, y, z, range, bearing }).filter(([, value]) => value !== undefined));
}

badge.render(world.connection);
show('login');
void start();
