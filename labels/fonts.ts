import { existsSync } from "node:fs";

/**
 * Chinese font files for previews and raster labels, first found wins. Debian and Raspberry Pi
 * OS ship them as packages (fonts-noto-cjk, fonts-wqy-microhei, fonts-droid-fallback); no npm
 * package carries a complete CJK font in a format resvg reads (TTF/OTF/TTC), so the station
 * looks for the system's and says so in the log when there is none.
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

/** Families in the SVG: what the files above declare, then what a kiosk browser may have. */
export const CJK_FONT_FAMILIES =
  "'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'WenQuanYi Zen Hei', 'Droid Sans Fallback', 'AR PL UMing CN', 'PingFang SC', 'Microsoft YaHei', sans-serif";

export function findCjkFont(configured?: string): string | undefined {
  if (configured) return existsSync(configured) ? configured : undefined;
  return CJK_FONT_CANDIDATES.find((file) => existsSync(file));
}
