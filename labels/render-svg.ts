import { textColumns as columnsOf } from "./east-asian-width.js";
import { CJK_FONT_FAMILIES } from "./fonts.js";
import { dotsPerMm, type Label } from "./layout.js";
import { qrMatrix } from "./qr-matrix.js";

export interface SvgOptions {
  /** Snap QR modules to whole printer dots, as the printer will (sharp edges when rasterised). */
  dpi?: number;
}

/** Text safe inside an SVG element or attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const num = (n: number) => String(Math.round(n * 1000) / 1000);

/**
 * The label as SVG in millimetre units: what the kiosk shows and what raster printing and PNG
 * previews rasterise. Each text run is stretched to the width the printer's 12×24 font gives it
 * (`textLength`), so the preview wraps and aligns exactly like the paper.
 */
export function renderSvg(label: Label, options: SvgOptions = {}): string {
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(label.widthMm)}mm" height="${num(label.heightMm)}mm" viewBox="0 0 ${num(label.widthMm)} ${num(label.heightMm)}">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<g fill="#000" font-family="${CJK_FONT_FAMILIES.replace(/"/g, "'")}">`,
  ];
  for (const el of label.elements) {
    switch (el.kind) {
      case "text": {
        // Printer fonts put the baseline about 7/8 down the 24-dot cell.
        const width = columnsOf(el.text) * (el.size / 2);
        out.push(
          `<text x="${num(el.x)}" y="${num(el.y + el.size * 0.86)}" font-size="${num(el.size)}"${el.bold ? ' font-weight="bold"' : ""} textLength="${num(width)}" lengthAdjust="spacingAndGlyphs">${escapeXml(el.text)}</text>`,
        );
        break;
      }
      case "qr": {
        const matrix = qrMatrix(el.data);
        const perMm = options.dpi ? dotsPerMm(options.dpi) : 0;
        const module = perMm
          ? Math.max(1, Math.floor((el.size * perMm) / matrix.size)) / perMm
          : el.size / matrix.size;
        const path: string[] = [];
        for (let row = 0; row < matrix.size; row++) {
          let col = 0;
          while (col < matrix.size) {
            if (!matrix.dark(row, col)) {
              col++;
              continue;
            }
            const start = col;
            while (col < matrix.size && matrix.dark(row, col)) col++;
            path.push(
              `M${num(el.x + start * module)} ${num(el.y + row * module)}h${num((col - start) * module)}v${num(module)}h${num(-(col - start) * module)}z`,
            );
          }
        }
        out.push(`<path shape-rendering="crispEdges" d="${path.join("")}"/>`);
        break;
      }
      case "rule":
        out.push(
          `<rect x="${num(el.x)}" y="${num(el.y)}" width="${num(el.length)}" height="${num(el.thickness)}"/>`,
        );
        break;
      case "box": {
        const t = el.thickness;
        out.push(
          `<rect x="${num(el.x + t / 2)}" y="${num(el.y + t / 2)}" width="${num(el.width - t)}" height="${num(el.height - t)}" fill="none" stroke="#000" stroke-width="${num(t)}"/>`,
        );
        break;
      }
    }
  }
  out.push("</g></svg>");
  return out.join("\n");
}
