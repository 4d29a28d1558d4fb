import type { SerialConfig } from "./config-schema.js";
import type { SerialSettings } from "./transport/byte-transport.js";

type LineDefaults = Pick<SerialSettings, "baudRate" | "dataBits" | "parity">;

/** Configured serial settings over the device family's defaults (DOMAIN.md §5: 9600 8N1 unless noted). */
export function serialSettings(config: SerialConfig, defaults: LineDefaults): SerialSettings {
  return {
    path: config.path,
    baudRate: config.baudRate ?? defaults.baudRate,
    dataBits: config.dataBits ?? defaults.dataBits,
    parity: config.parity ?? defaults.parity,
    stopBits: config.stopBits ?? 1,
  };
}

export const LINE_9600_8N1: LineDefaults = { baudRate: 9600, dataBits: 8, parity: "none" };

/** "9600 8N1", "9600 7E1": the way indicator manuals and menus write line settings. */
export function describeLine(s: SerialSettings): string {
  // Behind a device server the line settings are the server's, set in its own web page.
  if (s.path.startsWith("tcp://"))
    return `TCP（波特率等在串口服务器上设置 / line settings on the device server）`;
  const parity = s.parity === "none" ? "N" : s.parity === "even" ? "E" : "O";
  return `${s.baudRate} ${s.dataBits}${parity}${s.stopBits}`;
}
