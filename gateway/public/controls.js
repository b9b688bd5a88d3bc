// Keyboard walking. The server keeps walking along a heading until told
// otherwise, so we only speak when the wanted heading changes: holding a key
// sends one message, not one per key repeat.

const WALK_SPEED = 5;

const KEYS = {
  KeyW: [0, 1],
  ArrowUp: [0, 1],
  KeyS: [0, -1],
  ArrowDown: [0, -1],
  KeyA: [-1, 0],
  ArrowLeft: [-1, 0],
  KeyD: [1, 0],
  ArrowRight: [1, 0],
};

/** Compass heading (0 = north, clockwise) for an east/north vector, or null when it cancels out. */
function headingOf(east, north) {
  if (east === 0 && north === 0) return null;
  const degrees = (Math.atan2(east, north) * 180) / Math.PI;
  return (degrees + 360) % 360;
}

/** Whether a key event went to a text field (the chat line), where letters are text, not shortcuts. */
export function isTyping(target) {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export class KeyboardWalker {
  /** @param {(move: object) => void} sendMove */
  constructor(sendMove) {
    this.sendMove = sendMove;
    this.pressed = new Set();
    /** Heading last sent, or null when the keys are not driving us. */
    this.heading = null;
    this.enabled = false;
  }

  attach(target = window) {
    target.addEventListener('keydown', (e) => this.onKey(e, true));
    target.addEventListener('keyup', (e) => this.onKey(e, false));
    // Keys released while the window had no focus never send keyup; stop rather than walk forever.
    target.addEventListener('blur', () => this.release());
  }

  setEnabled(enabled) {
    this.enabled = enabled;
    if (!enabled) this.release();
  }

  /** Another control (a map click) took over; forget the keys without sending a stop. */
  yieldControl() {
    this.heading = null;
  }

  release() {
    this.pressed.clear();
    this.update();
  }

  onKey(event, down) {
    const vector = KEYS[event.code];
    if (!vector || !this.enabled) return;
    if (down && isTyping(event.target)) return;
    event.preventDefault();
    if (down) this.pressed.add(event.code);
    else this.pressed.delete(event.code);
    this.update();
  }

  update() {
    let east = 0;
    let north = 0;
    for (const code of this.pressed) {
      const [x, y] = KEYS[code];
      east += x;
      north += y;
    }
    const heading = headingOf(Math.sign(east), Math.sign(north));
    if (heading === this.heading) return;
    const wasDriving = this.heading !== null;
    this.heading = heading;
    if (heading !== null) this.sendMove({ heading, speed: WALK_SPEED });
    else if (wasDriving) this.sendMove({ stop: true });
  }
}
