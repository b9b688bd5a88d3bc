// Bars and countdowns shared by the panels. Server counters are "seconds left
// as of sending"; the panels count them down from when they arrived.
import { el } from '../panels.js';

/** A bar like the status panel's: a fill, a label on the left and a value on the right. */
export function makeBar(className, label = '') {
  const bar = el('div', `bar ${className}`);
  bar.append(el('span', 'fill'), el('span', 'label', label), el('span', 'value'));
  return bar;
}

/** Sets a bar's fill (0–1, clamped) and the text on its right. */
export function setBar(bar, fraction, value) {
  const f = Number.isFinite(fraction) ? Math.max(0, Math.min(1, fraction)) : 0;
  bar.querySelector('.fill').style.width = `${(f * 100).toFixed(1)}%`;
  bar.querySelector('.value').textContent = value;
}

/** Seconds since `at` (a performance.now() time). */
export function since(at) {
  return Math.max(0, (performance.now() - at) / 1000);
}

/** A countdown for people: "4.2 s" under ten seconds, "1:05" from a minute. */
export function seconds(value) {
  const s = Math.max(0, value);
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 60) return `${Math.ceil(s)} s`;
  const whole = Math.ceil(s);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** A command argument: the name in double quotes, so names of several words stay one argument. */
export function quoted(name) {
  return `"${name.replaceAll('"', "'")}"`;
}
