// Top-down canvas view of the zone, centred on the player. World units are
// metres with y pointing north, so the y axis flips on the way to the screen.
import { drawCombatText } from './combat-text.js';

const SMOOTHING_PER_S = 14;
/** Further than this in one frame is a teleport or respawn: jump, don't glide across the map. */
const SNAP_M = 25;
const MIN_SCALE = 0.5;
const MAX_SCALE = 24;

const STYLE = {
  outside: '#10141a',
  ground: '#1d2a22',
  gridMinor: 'rgba(255,255,255,0.04)',
  gridMajor: 'rgba(255,255,255,0.10)',
  border: '#c9a94a',
  label: '#e7ecef',
  labelShadow: 'rgba(0,0,0,0.85)',
  self: '#ffffff',
  player: '#5aa9ff',
  npc: '#f2c14e',
  wildlife: '#7bd88f',
  target: '#ff6b6b',
};

export class MapView {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {import('./world.js').WorldState} world
   */
  constructor(canvas, world) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.world = world;
    /** Pixels per metre while following the player. */
    this.scale = 5;
    /** Show the whole zone instead of following the player. */
    this.wholeZone = false;
    /** What the last frame showed, so clicks map to what the player actually saw. */
    this.view = { x: 0, y: 0, scale: this.scale, width: 1, height: 1 };
    /** Smoothed positions by entity id; the self entry is keyed 'self'. */
    this.shown = new Map();
    this.lastFrame = performance.now();
    this.running = false;
  }

  start() {
    if (this.running) return;
    this.running = true;
    this.canvas.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    const frame = (now) => {
      if (!this.running) return;
      this.draw(Math.min((now - this.lastFrame) / 1000, 0.25));
      this.lastFrame = now;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }

  onWheel(event) {
    event.preventDefault();
    this.zoom(Math.exp(-event.deltaY * 0.0015));
  }

  /** Zooming always goes back to following the player: a zoomed whole-zone view has no use. */
  zoom(factor) {
    this.wholeZone = false;
    this.scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, this.scale * factor));
  }

  setWholeZone(on) {
    this.wholeZone = on;
  }

  /** Camera centre (metres) and scale (px per metre) for a canvas of this size. */
  camera(width, height) {
    const b = this.world.zone?.bounds;
    const zoneCentre = b ? { x: (b.minX + b.maxX) / 2, y: (b.minY + b.maxY) / 2 } : { x: 0, y: 0 };
    if (this.wholeZone && b) {
      const fit = Math.min(width / (b.maxX - b.minX), height / (b.maxY - b.minY)) * 0.94;
      return { ...zoneCentre, scale: fit };
    }
    const me = this.shown.get('self');
    return { ...(me ?? zoneCentre), scale: this.scale };
  }

  /** Screen pixel (CSS px, relative to the canvas) to world metres, through the last frame's camera. */
  toWorld(px, py) {
    const v = this.view;
    return { x: v.x + (px - v.width / 2) / v.scale, y: v.y - (py - v.height / 2) / v.scale };
  }

  fitCanvas() {
    const ratio = window.devicePixelRatio || 1;
    const { width, height } = this.canvas.getBoundingClientRect();
    const w = Math.max(1, Math.round(width * ratio));
    const h = Math.max(1, Math.round(height * ratio));
    if (this.canvas.width !== w || this.canvas.height !== h) {
      this.canvas.width = w;
      this.canvas.height = h;
    }
    this.ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    return { width, height };
  }

  /** Moves each drawn position part of the way toward the latest known one. */
  smooth(dt) {
    const alpha = 1 - Math.exp(-SMOOTHING_PER_S * dt);
    const seen = new Set(['self']);
    const follow = (key, target) => {
      const shown = this.shown.get(key);
      if (!shown || Math.hypot(target.x - shown.x, target.y - shown.y) > SNAP_M) {
        this.shown.set(key, { x: target.x, y: target.y });
        return;
      }
      shown.x += (target.x - shown.x) * alpha;
      shown.y += (target.y - shown.y) * alpha;
    };
    // Positions carried forward from each entity's last reported motion, so walkers glide between frames.
    const live = this.world.livePositions();
    if (this.world.self) follow('self', live.get('self') ?? this.world.self);
    else this.shown.delete('self');
    for (const [id, entry] of this.world.roster) {
      seen.add(id);
      follow(id, live.get(id) ?? entry);
    }
    for (const id of this.shown.keys()) if (!seen.has(id)) this.shown.delete(id);
  }

  draw(dt) {
    this.smooth(dt);
    const { ctx } = this;
    const { width, height } = this.fitCanvas();
    const camera = this.camera(width, height);
    const c = { x: camera.x, y: camera.y };
    const s = camera.scale;
    this.view = { ...c, scale: s, width, height };
    const sx = (x) => width / 2 + (x - c.x) * s;
    const sy = (y) => height / 2 - (y - c.y) * s;

    ctx.fillStyle = STYLE.outside;
    ctx.fillRect(0, 0, width, height);
    const zone = this.world.zone;
    if (!zone) return;

    const b = zone.bounds;
    ctx.fillStyle = STYLE.ground;
    ctx.fillRect(sx(b.minX), sy(b.maxY), (b.maxX - b.minX) * s, (b.maxY - b.minY) * s);
    this.drawGrid(sx, sy, b, width, height, c);
    ctx.strokeStyle = STYLE.border;
    ctx.lineWidth = 2;
    ctx.strokeRect(sx(b.minX), sy(b.maxY), (b.maxX - b.minX) * s, (b.maxY - b.minY) * s);

    const target = this.world.moveTarget;
    if (target) this.drawTarget(sx(target.x), sy(target.y));

    const marks = [...this.world.roster.values()]
      .sort((a, b) => b.y - a.y)
      .map((entry) => {
        const at = this.shown.get(entry.id) ?? entry;
        return { id: entry.id, x: sx(at.x), y: sy(at.y), kind: entry.kind, heading: entry.heading, name: entry.name, isSelf: false };
      });
    const me = this.world.self;
    const myPlace = this.shown.get('self');
    if (me && myPlace) marks.push({ id: me.entityId, x: sx(myPlace.x), y: sy(myPlace.y), kind: 'self', heading: me.heading, name: me.name, isSelf: true });
    const targetId = this.world.combat?.target?.id;
    const targetMark = targetId === undefined ? undefined : marks.find((mark) => mark.id === targetId);
    if (targetMark) this.drawTargetRing(targetMark);
    for (const mark of marks) this.drawBody(mark);
    // Labels after bodies so none is hidden under a neighbour; ours first so it never gets pushed aside.
    const placed = marks.map(({ x, y, isSelf }) => {
      const r = (isSelf ? 8 : 6) + 2;
      return { left: x - r, right: x + r, top: y - r, bottom: y + r };
    });
    for (const mark of [...marks].reverse()) this.drawLabel(mark, placed);
    drawCombatText(ctx, this.world, (id) => marks.find((mark) => mark.id === id));

    this.drawCompass(width);
    this.drawScaleBar(height);
  }

  drawGrid(sx, sy, b, width, height, c) {
    const { ctx } = this;
    // Keep grid lines at least ~12 px apart whatever the zoom.
    const scale = this.view.scale;
    const step = [1, 5, 10, 50, 100, 500, 1000].find((m) => m * scale >= 12) ?? 1000;
    const halfW = width / 2 / scale;
    const halfH = height / 2 / scale;
    const x0 = Math.max(b.minX, Math.floor((c.x - halfW) / step) * step);
    const x1 = Math.min(b.maxX, c.x + halfW);
    const y0 = Math.max(b.minY, Math.floor((c.y - halfH) / step) * step);
    const y1 = Math.min(b.maxY, c.y + halfH);
    ctx.lineWidth = 1;
    for (let x = Math.ceil(x0 / step) * step; x <= x1; x += step) {
      ctx.strokeStyle = x % (step * 5) === 0 ? STYLE.gridMajor : STYLE.gridMinor;
      ctx.beginPath();
      ctx.moveTo(Math.round(sx(x)) + 0.5, sy(Math.min(b.maxY, y1)));
      ctx.lineTo(Math.round(sx(x)) + 0.5, sy(Math.max(b.minY, y0)));
      ctx.stroke();
    }
    for (let y = Math.ceil(y0 / step) * step; y <= y1; y += step) {
      ctx.strokeStyle = y % (step * 5) === 0 ? STYLE.gridMajor : STYLE.gridMinor;
      ctx.beginPath();
      ctx.moveTo(sx(Math.max(b.minX, x0)), Math.round(sy(y)) + 0.5);
      ctx.lineTo(sx(Math.min(b.maxX, x1)), Math.round(sy(y)) + 0.5);
      ctx.stroke();
    }
  }

  drawBody({ x, y, kind, heading, isSelf }) {
    const { ctx } = this;
    const r = isSelf ? 8 : 6;
    const colour = STYLE[kind] ?? STYLE.player;
    const rad = (heading * Math.PI) / 180;
    ctx.save();
    ctx.translate(x, y);
    ctx.fillStyle = colour;
    ctx.strokeStyle = 'rgba(0,0,0,0.7)';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    if (kind === 'npc') {
      ctx.moveTo(0, -r);
      ctx.lineTo(r, 0);
      ctx.lineTo(0, r);
      ctx.lineTo(-r, 0);
      ctx.closePath();
    } else if (kind === 'wildlife') {
      ctx.moveTo(0, -r);
      ctx.lineTo(r * 0.9, r * 0.7);
      ctx.lineTo(-r * 0.9, r * 0.7);
      ctx.closePath();
    } else {
      ctx.arc(0, 0, r, 0, Math.PI * 2);
    }
    ctx.fill();
    ctx.stroke();
    // Facing: a short tick out of the body, compass heading turned into screen space.
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(Math.sin(rad) * r, -Math.cos(rad) * r);
    ctx.lineTo(Math.sin(rad) * (r + 7), -Math.cos(rad) * (r + 7));
    ctx.stroke();
    ctx.restore();
  }

  /** Draws a name above its mark, nudged upward while it would overlap a label already placed. */
  drawLabel({ x, y, name, isSelf }, placed) {
    const { ctx } = this;
    ctx.font = `${isSelf ? 'bold ' : ''}12px system-ui, sans-serif`;
    const w = ctx.measureText(name).width + 4;
    const h = 14;
    const box = { left: x - w / 2, right: x + w / 2, bottom: y - (isSelf ? 8 : 6) - 3, top: 0 };
    for (let tries = 0; tries < 4; tries++) {
      box.top = box.bottom - h;
      const clash = placed.some((o) => box.left < o.right && box.right > o.left && box.top < o.bottom && box.bottom > o.top);
      if (!clash) break;
      box.bottom -= h;
    }
    box.top = box.bottom - h;
    placed.push({ ...box });
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.lineWidth = 3;
    ctx.strokeStyle = STYLE.labelShadow;
    ctx.strokeText(name, x, box.bottom);
    ctx.fillStyle = STYLE.label;
    ctx.fillText(name, x, box.bottom);
  }

  /** A ring under whoever we are fighting. */
  drawTargetRing({ x, y, isSelf }) {
    const { ctx } = this;
    ctx.save();
    ctx.strokeStyle = STYLE.target;
    ctx.lineWidth = 2;
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    ctx.arc(x, y, (isSelf ? 8 : 6) + 6, 0, Math.PI * 2);
    ctx.stroke();
    ctx.restore();
  }

  drawTarget(x, y) {
    const { ctx } = this;
    ctx.strokeStyle = STYLE.target;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(x - 5, y - 5);
    ctx.lineTo(x + 5, y + 5);
    ctx.moveTo(x + 5, y - 5);
    ctx.lineTo(x - 5, y + 5);
    ctx.stroke();
  }

  drawCompass(width) {
    const { ctx } = this;
    ctx.save();
    ctx.translate(width - 26, 30);
    ctx.fillStyle = 'rgba(0,0,0,0.45)';
    ctx.beginPath();
    ctx.arc(0, 0, 18, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = STYLE.label;
    ctx.beginPath();
    ctx.moveTo(0, -13);
    ctx.lineTo(5, 2);
    ctx.lineTo(-5, 2);
    ctx.closePath();
    ctx.fill();
    ctx.font = 'bold 10px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.fillText('N', 0, 3);
    ctx.restore();
  }

  drawScaleBar(height) {
    const { ctx } = this;
    const scale = this.view.scale;
    const metres = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000].find((m) => m * scale >= 60) ?? 2000;
    const px = metres * scale;
    const x = 14;
    const y = height - 16;
    ctx.strokeStyle = STYLE.label;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(x, y - 4);
    ctx.lineTo(x, y);
    ctx.lineTo(x + px, y);
    ctx.lineTo(x + px, y - 4);
    ctx.stroke();
    ctx.fillStyle = STYLE.label;
    ctx.font = '11px system-ui, sans-serif';
    ctx.textAlign = 'left';
    ctx.textBaseline = 'bottom';
    ctx.fillText(`${metres} m`, x + 4, y - 3);
  }
}
