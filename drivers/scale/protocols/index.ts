import type { ModbusIndicatorMap } from "../modbus-indicator-schema.js";
import { genericAd } from "./generic-ad.js";
import { keliContinuous } from "./keli-continuous.js";
import { modbusIndicatorProtocol } from "./modbus-indicator.js";
import { mtSics } from "./mt-sics.js";
import { toledo, toledoChecksum, toledoDemand } from "./toledo.js";
import type { ScaleProtocol, ScaleProtocolId, ScaleProtocolSetting } from "./types.js";
import { yaohuaA12 } from "./yaohua-a12.js";
import { yaohuaEquals, yaohuaEqualsReversed } from "./yaohua-equals.js";
import { yaohuaTf0 } from "./yaohua-tf0.js";
import { keliCommand, yaohuaTf1 } from "./yaohua-tf1.js";
import { yaohuaWw } from "./yaohua-ww.js";

/** Every scale protocol the `protocol` setting can name. */
export const SCALE_PROTOCOLS: Readonly<Record<ScaleProtocolId, ScaleProtocol>> = {
  "generic-ad": genericAd,
  "yaohua-tf0": yaohuaTf0,
  /** Address 1; a configured `address` builds its own (several indicators on one line). */
  "yaohua-tf1": yaohuaTf1(1),
  "keli-command": keliCommand(1),
  "keli-continuous": keliContinuous,
  "yaohua-equals-reversed": yaohuaEqualsReversed,
  "yaohua-equals": yaohuaEquals,
  "yaohua-a12": yaohuaA12,
  "yaohua-ww": yaohuaWw,
  toledo,
  "toledo-checksum": toledoChecksum,
  "mt-sics": mtSics,
};

/**
 * The protocol a scale's config names. A Modbus indicator is built from its register map; the
 * config check (driver hub) has made sure the map is there.
 */
export function scaleProtocolFor(config: {
  protocol: ScaleProtocolSetting;
  modbus?: ModbusIndicatorMap;
  address?: number;
  output?: string;
}): ScaleProtocol {
  if (config.protocol === "toledo" && config.output === "demand") return toledoDemand;
  if (config.protocol === "yaohua-tf1") return yaohuaTf1(config.address ?? 1);
  if (config.protocol === "keli-command") return keliCommand(config.address ?? 1);
  if (config.protocol !== "modbus-indicator") return SCALE_PROTOCOLS[config.protocol];
  if (!config.modbus) throw new Error("modbus-indicator needs a modbus register map");
  return modbusIndicatorProtocol(config.modbus);
}
