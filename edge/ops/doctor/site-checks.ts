import { BUNDLED_CJK_FONT, findCjkFont } from "../../../labels/fonts.js";
import type { StationConfig } from "../../config/schema.js";
import { judgeQrBase } from "../qr-reach.js";
import { type CheckResult, passed, problem } from "./check-result.js";

const DEMO = { zh: "演示模式", en: "Demo mode" };
const QR = { zh: "二维码网址", en: "QR base URL" };
const FONT = { zh: "标签字体", en: "Label font" };

/** Demo master data and a simulated scale must never mix into a real station's records. */
export function checkDemo(config: StationConfig): CheckResult {
  if (!config.demo.enabled) return passed("demo", DEMO, "已关闭 / off");
  return problem("warn", "demo", DEMO, "OPS_DEMO_ENABLED", "demo.enabled: true");
}

/** The QR codes on every label open this address on a consumer's phone. */
export function checkQrBase(config: StationConfig): CheckResult {
  const { baseUrl, reachNote } = config.labels.qr;
  const reach = judgeQrBase(baseUrl);
  if (reach.kind === "public") return passed("qr", QR, baseUrl);
  if (reach.kind === "placeholder") {
    return problem(
      "fail",
      "qr",
      QR,
      "OPS_QR_UNREACHABLE",
      `${baseUrl}: 示例地址，尚未填写 / a placeholder, not filled in`,
    );
  }
  if (reachNote) return passed("qr", QR, `${baseUrl} (${reach.why}; ${reachNote})`);
  return problem("warn", "qr", QR, "OPS_QR_UNREACHABLE", `${baseUrl}: ${reach.why}`);
}

/** Which font previews and raster labels use: the system's, the one in the box, or none. */
export function checkFont(config: StationConfig): CheckResult {
  const font = findCjkFont(config.labels.fontFile);
  if (!font) return problem("warn", "font", FONT, "LABEL_FONT_MISSING", "没有可用的中文字体 / no CJK font");
  if (font === BUNDLED_CJK_FONT)
    return passed("font", FONT, `${font}（内置 GBK 字体 / the font in the box）`);
  return passed("font", FONT, font);
}
