/**
 * How a packing line turns placements into packages (DOMAIN.md §6), chosen per line on the
 * kiosk and kept across restarts.
 * - each: one package per item put on and taken off;
 * - fill: a crate filled toward `targetKg`; taken when stable within `toleranceKg` of it;
 * - fixed: packed to `nominalKg`; the label carries the nominal weight, the scale checks ≥;
 * - tare: the first stable weight on an empty pan is the container's tare, then as `each`.
 */
export const LINE_MODES = ["each", "fill", "fixed", "tare"] as const;
export type LineMode = (typeof LINE_MODES)[number];

export interface LineSettings {
  mode: LineMode;
  /** Print each package's label as soon as it is taken, without a tap. */
  auto: boolean;
  /** Below this net weight nothing becomes a package (leaves and soil left on the pan). */
  minPackageKg: number;
  targetKg: number | null;
  toleranceKg: number;
  nominalKg: number | null;
}

export const DEFAULT_LINE_SETTINGS: Readonly<LineSettings> = Object.freeze({
  mode: "each",
  auto: false,
  minPackageKg: 0.1,
  targetKg: null,
  toleranceKg: 0.05,
  nominalKg: null,
});

/** What the line needs from the scale's own settings (drivers config) to read placements. */
export interface ScaleRules {
  /** At or below this net weight the pan is empty. */
  zeroBandKg: number;
  /** A drop below this fraction of the last stable weight is a removal. */
  removeFraction: number;
  /**
   * Demand (print-key) indicators send one frame per press: each frame is its own placement,
   * and the press is the worker's request to print it.
   */
  demand: boolean;
  /**
   * Network scales that publish one stable weight per placement and nothing between: a stable
   * weight right after another, differing by more than this, is the next item. Null for
   * serial scales, whose every frame is seen.
   */
  stableStepKg: number | null;
}
