import { Value } from "@sinclair/typebox/value";
import type { StationConfig } from "../config/schema.js";
import { type PrinterConfig, PrinterSchema } from "./printing-config-schema.js";

/**
 * The configured printers; with none and the demo on, a preview printer that writes PNG and
 * raw bytes under `<dataDir>/previews`, so a newcomer sees labels without hardware.
 */
export function effectivePrinters(
  config: Pick<StationConfig, "printers" | "demo">,
): readonly PrinterConfig[] {
  if (config.printers.length > 0) return config.printers;
  if (!config.demo.enabled) return [];
  return [Value.Default(PrinterSchema, { name: "preview", kind: "preview" }) as PrinterConfig];
}
