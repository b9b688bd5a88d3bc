// Floating combat numbers on the map: each hit, heal or miss rises from the
// one it happened to and fades. The store (world.floaters) fills from events
// with combat facts; this draws and retires them.

const LIFE_MS = 1400;
const RISE_PX = 34;
const COLOURS = {
  out: '#ffe08a',
  in: '#ff6b6b',
  heal: '#7bd88f',
  miss: '#b0b8c0',
  interrupt: '#b0b8c0',
  other: '#d0d7de',
  death: '#d0d7de',
};

/**
 * @param {CanvasRenderingContext2D} ctx
 * @param {import('./world.js').WorldState} world
 * @param {(id: string) => ({x: number, y: number} | undefined)} placeOf screen position of an entity (our own id included)
 */
export function drawCombatText(ctx, world, placeOf) {
  const now = performance.now();
  const floaters = world.floaters;
  while (floaters.length > 0 && now - floaters[0].born > LIFE_MS) floaters.shift();
  if (floaters.length === 0) return;
  ctx.save();
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.lineWidth = 3;
  ctx.strokeStyle = 'rgba(0,0,0,0.85)';
  floaters.forEach((floater, index) => {
    const at = placeOf(floater.targetId);
    if (!at) return;
    const age = (now - floater.born) / LIFE_MS;
    // Numbers for the same target fan out a little so a flurry stays readable.
    const x = at.x + ((index % 3) - 1) * 12;
    const y = at.y - 24 - age * RISE_PX;
    const minor = floater.tone === 'other';
    ctx.globalAlpha = Math.max(0, 1 - age * age);
    ctx.font = `${floater.critical ? 'bold 20px' : minor ? '12px' : 'bold 16px'} system-ui, sans-serif`;
    ctx.strokeText(floater.text, x, y);
    ctx.fillStyle = COLOURS[floater.tone] ?? COLOURS.other;
    ctx.fillText(floater.text, x, y);
  });
  ctx.restore();
}
