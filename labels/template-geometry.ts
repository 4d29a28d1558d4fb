import type { LabelTemplate } from "./template.js";

type Item = LabelTemplate["items"][number];

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Text rows are one `size` high and follow each other at 1.25 × size (labels/template.ts). */
function rectOf(item: Item, template: LabelTemplate): Rect {
  switch (item.type) {
    case "text": {
      const width = item.width ?? template.widthMm - item.x;
      const lines = item.maxLines ?? 1;
      return {
        left: item.x,
        top: item.y,
        right: item.x + width,
        bottom: item.y + item.size + (lines - 1) * item.size * 1.25,
      };
    }
    case "qr":
      return { left: item.x, top: item.y, right: item.x + item.size, bottom: item.y + item.size };
    case "rule":
      return {
        left: item.x,
        top: item.y,
        right: item.x + item.length,
        bottom: item.y + (item.thickness ?? 0.25),
      };
    case "box":
      return { left: item.x, top: item.y, right: item.x + item.width, bottom: item.y + item.height };
  }
}

const EPS = 1e-9;
const overlaps = (a: Rect, b: Rect) =>
  a.left < b.right - EPS && b.left < a.right - EPS && a.top < b.bottom - EPS && b.top < a.bottom - EPS;

/**
 * Where a template would cut glyphs off: an element past the label's edge (a text row's wrap
 * width included, so the widest line it may hold still fits), or a text row that runs into a
 * QR code (its modules would overprint the glyphs and the code stop scanning). Text is wrapped
 * to its width when filled, so a template that passes prints every glyph whole.
 */
export function templateGeometryProblems(template: LabelTemplate): string[] {
  const problems: string[] = [];
  const rects = template.items.map((item) => rectOf(item, template));
  template.items.forEach((item, i) => {
    const r = rects[i] as Rect;
    if (r.right > template.widthMm + EPS)
      problems.push(`/items/${i}: 超出标签右边 / past the right edge (${r.right} > ${template.widthMm} mm)`);
    if (!template.continuous && r.bottom > template.heightMm + EPS)
      problems.push(
        `/items/${i}: 超出标签下边 / past the bottom edge (${r.bottom} > ${template.heightMm} mm)`,
      );
    if (item.type !== "text") return;
    template.items.forEach((other, j) => {
      if (other.type === "qr" && overlaps(r, rects[j] as Rect))
        problems.push(`/items/${i}: 文字压到二维码 /items/${j} / text runs into the QR code`);
    });
  });
  return problems;
}
