/**
 * The one label layout model (DESIGN.md "Printing"): positions and sizes in millimetres from
 * the top-left corner of the printable area. Templates produce it; ESC/POS, TSPL and the
 * SVG/PNG preview render it. Text is already wrapped: each text element is one line.
 */
export interface TextElement {
  kind: "text";
  x: number;
  y: number;
  /** Character height in mm; a half-width character is half as wide (12×24-dot fonts). */
  size: number;
  text: string;
  bold?: boolean;
}

export interface QrElement {
  kind: "qr";
  x: number;
  y: number;
  /** Side of the symbol without quiet zone, mm; templates leave the quiet zone white. */
  size: number;
  data: string;
}

/** A horizontal rule. */
export interface RuleElement {
  kind: "rule";
  x: number;
  y: number;
  length: number;
  thickness: number;
}

export interface BoxElement {
  kind: "box";
  x: number;
  y: number;
  width: number;
  height: number;
  thickness: number;
}

export type LabelElement = TextElement | QrElement | RuleElement | BoxElement;

export interface Label {
  widthMm: number;
  heightMm: number;
  /** Continuous paper (receipt rolls): no gap, the height is only where printing stops. */
  continuous: boolean;
  elements: LabelElement[];
}

/** 203 dpi, the common thermal head: 8 dots per mm (DOMAIN.md §5). */
export const DEFAULT_DPI = 203;

export function dotsPerMm(dpi: number): number {
  return Math.round((dpi / 25.4) * 100) / 100;
}

export function toDots(mm: number, dpi: number): number {
  return Math.round(mm * dotsPerMm(dpi));
}

/** Printer fonts are 24 dots high per unit (ESC/POS font A, TSPL TSS24.BF2): 1–8× multiplier. */
export function fontMultiplier(sizeMm: number, dpi: number): number {
  return Math.min(8, Math.max(1, Math.round((sizeMm * dotsPerMm(dpi)) / 24)));
}
