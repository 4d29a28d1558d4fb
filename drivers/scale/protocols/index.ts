import { genericAd } from "./generic-ad.js";
import { mtSics } from "./mt-sics.js";
import { toledo, toledoChecksum } from "./toledo.js";
import type { ScaleProtocol, ScaleProtocolId } from "./types.js";
import { yaohuaA12 } from "./yaohua-a12.js";
import { yaohuaEquals, yaohuaEqualsReversed } from "./yaohua-equals.js";
import { yaohuaTf0 } from "./yaohua-tf0.js";
import { yaohuaWw } from "./yaohua-ww.js";

/** Every scale protocol the `protocol` setting can name. */
export const SCALE_PROTOCOLS: Readonly<Record<ScaleProtocolId, ScaleProtocol>> = {
  "generic-ad": genericAd,
  "yaohua-tf0": yaohuaTf0,
  "yaohua-equals-reversed": yaohuaEqualsReversed,
  "yaohua-equals": yaohuaEquals,
  "yaohua-a12": yaohuaA12,
  "yaohua-ww": yaohuaWw,
  toledo,
  "toledo-checksum": toledoChecksum,
  "mt-sics": mtSics,
};
