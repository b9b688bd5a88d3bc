// The windows a player opens and closes (bags, quest log): a button each, a
// shortcut key each, Escape closes them. Keys typed into the chat line are text.
import { isTyping } from '../controls.js';

export class WindowToggles {
  /** @param {() => boolean} active whether shortcuts apply now (the game screen is showing) */
  constructor(active) {
    this.active = active;
    /** @type {Map<string, {root: HTMLElement, button: HTMLElement, onOpen: () => void}>} */
    this.windows = new Map();
    /** @type {Map<string, string>} key code → window name */
    this.keys = new Map();
  }

  /**
   * @param {string} name
   * @param {HTMLElement} root the window
   * @param {HTMLElement} button toggles it (aria-pressed follows)
   * @param {string[]} codes KeyboardEvent.code values that toggle it
   * @param {() => void} onOpen draws it before it shows
   */
  add(name, root, button, codes, onOpen) {
    this.windows.set(name, { root, button, onOpen });
    for (const code of codes) this.keys.set(code, name);
    button.addEventListener('click', () => this.toggle(name));
    for (const close of root.querySelectorAll(`[data-close="${name}"]`)) close.addEventListener('click', () => this.toggle(name, false));
  }

  isOpen(name) {
    const entry = this.windows.get(name);
    return entry ? !entry.root.hidden : false;
  }

  toggle(name, open = !this.isOpen(name)) {
    const entry = this.windows.get(name);
    if (!entry) return;
    if (open) entry.onOpen();
    entry.root.hidden = !open;
    entry.button.setAttribute('aria-pressed', String(open));
  }

  closeAll() {
    let closed = false;
    for (const name of this.windows.keys()) {
      if (!this.isOpen(name)) continue;
      this.toggle(name, false);
      closed = true;
    }
    return closed;
  }

  attach(target = window) {
    target.addEventListener('keydown', (event) => {
      if (!this.active() || event.repeat || event.ctrlKey || event.altKey || event.metaKey || isTyping(event.target)) return;
      const name = this.keys.get(event.code);
      if (name) {
        event.preventDefault();
        this.toggle(name);
      } else if (event.key === 'Escape' && this.closeAll()) {
        event.preventDefault();
      }
    });
  }
}
