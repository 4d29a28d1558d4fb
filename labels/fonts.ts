import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * Chinese font files for previews and raster labels, first found wins. Debian and Raspberry Pi
 * OS ship them as packages (fonts-noto-cjk, fonts-wqy-microhei, fonts-droid-fallback); a box
 * with none of them still renders with the font in the box (below).
 */
export const CJK_FONT_CANDIDATES: readonly string[] = [
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
  "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
  "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
  "/usr/share/fonts/truetype/arphic/uming.ttc",
];

/**
 * The font in the box: Noto Sans CJK SC cut to GBK (labels/fonts/make-gbk-subset.sh, SIL OFL
 * 1.1 in labels/fonts/OFL.txt), which is what the printers' own GBK text modes can print, so
 * a machine with no fonts at all still shows every label legibly. resvg reads fonts from
 * files, not buffers, hence a path: beside this file from source, at the package root from
 * dist/. Undefined only if the release was packed without labels/fonts.
 */
export const BUNDLED_CJK_FONT: string | undefined = [
  new URL("./fonts/NotoSansSC-GBK.otf", import.meta.url),
  new URL("../../labels/fonts/NotoSansSC-GBK.otf", import.meta.url),
]
  .map((url) => fileURLToPath(url))
  .find((file) => existsSync(file));

/** Families in the SVG: what the files above declare, then what a kiosk browser may have. */
export const CJK_FONT_FAMILIES =
  "'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'WenQuanYi Zen Hei', 'Droid Sans Fallback', 'AR PL UMing CN', 'PingFang SC', 'Microsoft YaHei', sans-serif";

/**
 * A configured font that is missing is not replaced: the technician named it, and config
 * loading already refuses a `labels.fontFile` that does not exist.
 */
export function findCjkFont(configured?: string): string | undefined {
  if (configured) return existsSync(configured) ? configured : undefined;
  return CJK_FONT_CANDIDATES.find((file) => existsSync(file)) ?? BUNDLED_CJK_FONT;
}
