/** A small line chart in SVG, written by hand: the bench needs no plotting library. */

interface ChartPoint {
  x: number;
  y: number;
  /** Drawn hollow: a value with a caveat (see the chart's note). */
  caveat?: boolean;
}

export interface ChartSeries {
  name: string;
  colour: string;
  points: ChartPoint[];
}

export interface ChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  series: ChartSeries[];
  logY?: boolean;
  /** A line under the chart, e.g. what hollow points mean. */
  note?: string;
}

const WIDTH = 460;
const HEIGHT = 340;
const MARGIN = { left: 64, right: 16, top: 36, bottom: 78 };

/** One chart as an SVG group, `offsetX` from the left; x is always logarithmic (crowd sizes double). */
function chart(spec: ChartSpec, offsetX: number): string {
  const points = spec.series.flatMap((series) => series.points).filter((point) => Number.isFinite(point.x) && Number.isFinite(point.y));
  const xs = [...new Set(points.map((point) => point.x))].sort((a, b) => a - b);
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const parts: string[] = [`<g transform="translate(${offsetX},0)">`, text(WIDTH / 2, 20, spec.title, { anchor: 'middle', weight: 'bold' })];
  if (points.length === 0) {
    parts.push(text(WIDTH / 2, HEIGHT / 2, 'no data', { anchor: 'middle' }), '</g>');
    return parts.join('\n');
  }

  const [xMin, xMax] = [Math.min(...xs), Math.max(...xs)];
  const xScale = (x: number) => MARGIN.left + (xMax === xMin ? plotW / 2 : ((Math.log(x) - Math.log(xMin)) / (Math.log(xMax) - Math.log(xMin))) * plotW);
  const ys = points.map((point) => point.y);
  const { ticks: yTicks, scale: yUnit } = spec.logY ? logTicks(ys) : linearTicks(ys);
  const yScale = (y: number) => MARGIN.top + plotH - yUnit(y) * plotH;

  parts.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`);
  for (const tick of yTicks) {
    const y = yScale(tick);
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${y}" y2="${y}" stroke="#eee"/>`,
      text(MARGIN.left - 6, y + 4, label(tick), { anchor: 'end' }),
    );
  }
  for (const x of xs) {
    const px = xScale(x);
    parts.push(
      `<line x1="${px}" x2="${px}" y1="${MARGIN.top}" y2="${MARGIN.top + plotH}" stroke="#eee"/>`,
      text(px, MARGIN.top + plotH + 16, String(x), { anchor: 'middle' }),
    );
  }
  parts.push(
    text(MARGIN.left + plotW / 2, MARGIN.top + plotH + 34, spec.xLabel, { anchor: 'middle' }),
    text(16, MARGIN.top + plotH / 2, spec.yLabel, { anchor: 'middle', rotate: true }),
  );

  spec.series.forEach((series, index) => {
    const visible = series.points.filter((point) => Number.isFinite(point.y)).sort((a, b) => a.x - b.x);
    if (visible.length > 1) {
      const path = visible.map((point) => `${xScale(point.x).toFixed(1)},${yScale(point.y).toFixed(1)}`).join(' ');
      parts.push(`<polyline points="${path}" fill="none" stroke="${series.colour}" stroke-width="2"/>`);
    }
    for (const point of visible) {
      const fill = point.caveat ? 'white' : series.colour;
      parts.push(
        `<circle cx="${xScale(point.x).toFixed(1)}" cy="${yScale(point.y).toFixed(1)}" r="4" fill="${fill}" stroke="${series.colour}" stroke-width="2"/>`,
      );
    }
    const legendY = MARGIN.top + plotH + 52;
    const legendX = MARGIN.left + index * 150;
    parts.push(
      `<line x1="${legendX}" x2="${legendX + 20}" y1="${legendY - 4}" y2="${legendY - 4}" stroke="${series.colour}" stroke-width="2"/>`,
      text(legendX + 26, legendY, series.name),
    );
  });
  if (spec.note) parts.push(text(MARGIN.left, HEIGHT - 6, spec.note, { size: 10 }));
  parts.push('</g>');
  return parts.join('\n');
}

/** Charts side by side in one SVG document. */
export function svgDocument(charts: ChartSpec[]): string {
  const width = WIDTH * charts.length;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT}" viewBox="0 0 ${width} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${HEIGHT}" fill="white"/>`,
    ...charts.map((spec, index) => chart(spec, index * WIDTH)),
    '</svg>',
    '',
  ].join('\n');
}

function linearTicks(values: number[]): { ticks: number[]; scale: (y: number) => number } {
  // A little headroom, so points at the maximum do not sit on the frame.
  const max = Math.max(...values, 0) * 1.1;
  const step = niceStep(max / 5 || 1);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  return { ticks, scale: (y) => y / top };
}

function logTicks(values: number[]): { ticks: number[]; scale: (y: number) => number } {
  const positive = values.filter((value) => value > 0);
  const low = Math.floor(Math.log10(Math.min(...positive, 1)));
  const high = Math.max(low + 1, Math.ceil(Math.log10(Math.max(...positive, 10))));
  const ticks = Array.from({ length: high - low + 1 }, (_, i) => 10 ** (low + i));
  return { ticks, scale: (y) => (Math.log10(Math.max(y, 10 ** low)) - low) / (high - low) };
}

function niceStep(raw: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / magnitude;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
}

function label(value: number): string {
  if (value >= 1000) return `${value / 1000}k`;
  return Number(value.toPrecision(3)).toString();
}

function text(x: number, y: number, content: string, style: { anchor?: string; weight?: string; size?: number; rotate?: boolean } = {}): string {
  const attributes = [
    `x="${x.toFixed(1)}"`,
    `y="${y.toFixed(1)}"`,
    style.anchor ? `text-anchor="${style.anchor}"` : '',
    style.weight ? `font-weight="${style.weight}"` : '',
    style.size ? `font-size="${style.size}"` : '',
    style.rotate ? `transform="rotate(-90 ${x.toFixed(1)} ${y.toFixed(1)})"` : '',
  ].filter(Boolean);
  return `<text ${attributes.join(' ')}>${escapeXml(content)}</text>`;
}

function escapeXml(content: string): string {
  return content.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
