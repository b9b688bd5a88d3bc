// Login and character screens: everything before the world.
import { el } from './panels.js';

const NAME_KEY = 'aether.account';

export class LoginScreen {
  /**
   * One form for the server's AUTH_MODE: dev (a name), password (username,
   * password, Log in or Register) or jwt (a pasted token).
   * @param {{
   *   onDev(name: string): void,
   *   onPassword(action: 'login' | 'register', username: string, password: string, remember: boolean): void,
   *   onToken(token: string): void,
   * }} hooks
   */
  constructor(root, hooks) {
    this.root = root;
    this.hooks = hooks;
    this.mode = 'dev';
    this.form = root.querySelector('#login-form');
    this.input = root.querySelector('#login-name');
    this.username = root.querySelector('#login-username');
    this.password = root.querySelector('#login-password');
    this.remember = root.querySelector('#login-remember');
    this.token = root.querySelector('#login-token');
    this.submit = root.querySelector('#login-submit');
    this.message = root.querySelector('#login-message');
    this.input.value = localStorage.getItem(NAME_KEY) ?? '';
    this.username.value = localStorage.getItem(NAME_KEY) ?? '';
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.send('login');
    });
    root.querySelector('#register').addEventListener('click', () => {
      if (this.form.reportValidity()) this.send('register');
    });
  }

  /** Shows the fields of `mode` only; hidden fields are disabled so the browser does not require them. */
  setMode(mode) {
    this.mode = mode;
    for (const node of this.root.querySelectorAll('[data-mode]')) {
      node.hidden = node.dataset.mode !== mode;
      for (const field of node.querySelectorAll('input, textarea')) field.disabled = node.hidden;
    }
    this.submit.textContent = mode === 'password' ? 'Log in' : 'Enter';
    this.form.hidden = false;
  }

  send(action) {
    if (this.mode === 'dev') {
      const name = this.input.value.trim();
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(name)) return this.say('Use 1–32 letters, digits, "_" or "-".');
      localStorage.setItem(NAME_KEY, name);
      this.say('');
      return this.hooks.onDev(name);
    }
    if (this.mode === 'password') {
      const username = this.username.value.trim();
      localStorage.setItem(NAME_KEY, username);
      this.say('');
      const password = this.password.value;
      // The password field is emptied at once: it is not needed again, and a shared screen should not keep it.
      this.password.value = '';
      return this.hooks.onPassword(action, username, password, this.remember.checked);
    }
    const token = this.token.value.trim();
    if (!token) return this.say('Paste the token first.');
    this.token.value = '';
    this.say('');
    return this.hooks.onToken(token);
  }

  say(text) {
    this.message.textContent = text;
  }

  focus() {
    ({ dev: this.input, password: this.username.value ? this.password : this.username, jwt: this.token })[this.mode]?.focus();
  }
}

export class CharacterScreen {
  /**
   * @param {import('./connection.js').Connection} connection
   */
  constructor(root, connection) {
    this.connection = connection;
    this.list = root.querySelector('#character-list');
    this.message = root.querySelector('#character-message');
    this.form = root.querySelector('#create-form');
    this.nameInput = root.querySelector('#create-name');
    this.archetype = root.querySelector('#create-archetype');
    this.busy = false;
    /** A character whose select was refused because nobody runs its zone (`zone_unavailable`): entered when it is back. */
    this.waiting = null;
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.create();
    });
  }

  say(text, isError = true) {
    this.message.textContent = text;
    this.message.classList.toggle('error', isError);
  }

  async refresh(highlightId) {
    this.list.replaceChildren(el('li', 'muted', 'Loading characters…'));
    try {
      const reply = await this.connection.listCharacters();
      if (!reply.ok) return this.say(reply.error.message);
      this.render(reply.characters, highlightId);
    } catch (error) {
      this.say(`Could not load characters: ${error.message}`);
    }
  }

  render(characters, highlightId) {
    if (characters.length === 0) {
      this.list.replaceChildren(el('li', 'muted', 'No characters yet: create one below.'));
      this.nameInput.focus();
      return;
    }
    this.list.replaceChildren(
      ...characters.map((c) => {
        const item = el('li', `character${c.id === highlightId ? ' new' : ''}`);
        const about = el('div', 'about');
        about.append(el('strong', '', c.name), el('span', 'muted', ` level ${c.level} ${c.archetype} · ${c.zoneId}`));
        const play = el('button', 'play', 'Play');
        play.type = 'button';
        play.dataset.characterId = c.id;
        play.dataset.characterName = c.name;
        play.addEventListener('click', () => void this.select(c));
        item.append(about, play);
        return item;
      }),
    );
    this.markWaiting();
  }

  async create() {
    if (this.busy) return;
    const name = this.nameInput.value.trim();
    this.busy = true;
    try {
      const reply = await this.connection.createCharacter(name, this.archetype.value);
      if (!reply.ok) return this.say(reply.error.message);
      this.nameInput.value = '';
      this.say(`${reply.character.name} is ready. Press Play to enter the world.`, false);
      await this.refresh(reply.character.id);
    } catch (error) {
      this.say(`Could not create the character: ${error.message}`);
    } finally {
      this.busy = false;
    }
  }

  /** The zone a refused select was waiting for runs again: enter it now (the player pressed Play for that). */
  zoneAvailable(zoneId, message) {
    const character = this.waiting;
    if (!character || character.zoneId !== zoneId) {
      this.say(message, false);
      return;
    }
    this.waiting = null;
    void this.select(character);
  }

  /** The Play button of the character waiting for its zone says so. */
  markWaiting() {
    for (const button of this.list.querySelectorAll('button.play')) {
      const waiting = this.waiting?.id === button.dataset.characterId;
      button.textContent = waiting ? 'Waiting for zone…' : 'Play';
      button.closest('.character')?.classList.toggle('waiting', waiting);
    }
  }

  async select(character) {
    if (this.busy) return;
    this.busy = true;
    this.say(`Entering the world as ${character.name}…`, false);
    try {
      const reply = await this.connection.selectCharacter(character.id);
      this.waiting = !reply.ok && reply.error.code === 'zone_unavailable' ? character : null;
      if (!reply.ok) this.say(this.waiting ? `${reply.error.message} This page enters as soon as it is.` : reply.error.message);
      this.markWaiting();
      // On success the screen changes when world_enter arrives.
    } catch (error) {
      this.say(`Could not enter the world: ${error.message}`);
    } finally {
      this.busy = false;
    }
  }
}
