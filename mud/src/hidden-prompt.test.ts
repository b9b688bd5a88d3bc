import { EventEmitter } from 'node:events';
import { readHiddenLine } from './hidden-prompt.js';

/** Just enough of a TTY: raw-mode switches recorded, keys pushed in by the test, output collected. */
class FakeTerminal extends EventEmitter {
  raw: boolean[] = [];
  written = '';
  setRawMode(on: boolean) {
    this.raw.push(on);
    return this;
  }
  setEncoding() {
    return this;
  }
  resume() {
    return this;
  }
  pause() {
    return this;
  }
  write(text: string) {
    this.written += text;
    return true;
  }
}

describe('readHiddenLine', () => {
  it('reads keys in raw mode without echoing them, with backspace, until Enter; then restores the terminal', async () => {
    const terminal = new FakeTerminal();
    const line = readHiddenLine('Password for ann: ', terminal as never, terminal as never);
    terminal.emit('data', 'secret');
    terminal.emit('data', 'x\u007f');
    terminal.emit('data', ' pässwörd\u001b\r');
    expect(await line).toBe('secret pässwörd');
    expect(terminal.written).toBe('Password for ann: \n');
    expect(terminal.raw).toEqual([true, false]);
    expect(terminal.listenerCount('data')).toBe(0);
  });

  it('Ctrl-C cancels', async () => {
    const terminal = new FakeTerminal();
    const line = readHiddenLine('Password: ', terminal as never, terminal as never);
    terminal.emit('data', 'abc\u0003');
    await expect(line).rejects.toThrow('cancelled');
    expect(terminal.raw).toEqual([true, false]);
  });
});
