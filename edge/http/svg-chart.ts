import { esc } from "./html.js";

export interface ChartPoint {
  t: number;
  min: number;
  mean: number;
  max: number;
}

const W = 320;
const H = 72;
const PAD = 4;

/**
 * A small inline SVG of one metric over the batch window: the min–max band and the mean line.
 * Inline so the trace page needs no script and no second request on a slow phone link.
 */
export function sparkline(points: readonly ChartPoint[], label: string, unit: string): string {
  if (points.length < 2) return "";
  const t0 = points[0]!.t;
  const t1 = points[points.length - 1]!.t;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const p of points) {
    lo = Math.min(lo, p.min);
    hi = Math.max(hi, p.max);
  }
  if (hi === lo) {
    hi += 1;
    lo -= 1;
  }
  const x = (t: number) => (PAD + ((t - t0) / (t1 - t0 || 1)) * (W - 2 * PAD)).toFixed(1);
  const y = (v: number) => (PAD + (1 - (v - lo) / (hi - lo)) * (H - 2 * PAD)).toFixed(1);
  const upper = points.map((p) => `${x(p.t)},${y(p.max)}`);
  const lower = [...points].reverse().map((p) => `${x(p.t)},${y(p.min)}`);
  const mean = points.map((p) => `${x(p.t)},${y(p.mean)}`).join(" ");
  const title = `${label} ${round(lo)}–${round(hi)} ${unit}`;
  return (
    `<svg class="spark" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}" preserveAspectRatio="none">` +
    `<title>${esc(title)}</title>` +
    `<polygon points="${[...upper, ...lower].join(" ")}" fill="#cfe9d6"/>` +
    `<polyline points="${mean}" fill="none" stroke="#1f7a3f" stroke-width="1.6" vector-effect="non-scaling-stroke"/>` +
    "</svg>"
  );
}

export function round(value: number): string {
  return Math.abs(value) >= 100
    ? value.toFixed(0)
    : Math.abs(value) >= 10
      ? value.toFixed(1)
      : value.toFixed(2);
}
