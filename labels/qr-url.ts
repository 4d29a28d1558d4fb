import "./label-codes.js";
import { checkDigitalLink } from "../edge/core/gs1-digital-link.js";
import { gtinFault, toGtin14 } from "../edge/core/gtin.js";
import { StationError } from "../edge/core/station-error.js";

/** What a label's QR can point at (DESIGN.md "Codes on labels"). */
export interface QrCodes {
  /** The code the station's trace page resolves: package serial, or lot code for a batch. */
  code: string;
  lot: string;
  serial?: string;
  gtin?: string;
}

export interface QrUrlSettings {
  baseUrl: string;
  /** Default `{baseUrl}/t/{code}`: the station's own trace page. */
  urlTemplate: string;
  /** GS1 Digital Link, used when a GTIN is known and `useGtin` is on. */
  gs1Template: string;
  useGtin: boolean;
}

/**
 * GTIN-14 with a valid check digit (the rule: edge/core/gtin.ts). Shorter GTINs (8, 12, 13)
 * are left-padded with zeros, as Digital Link wants.
 */
export function normalizeGtin(gtin: string): string {
  const digits = gtin.trim();
  const fault = gtinFault(digits);
  if (fault && "form" in fault) {
    throw new StationError(
      "LABEL_GTIN_INVALID",
      `GTIN "${gtin}" 须为 8/12/13/14 位数字 / must be 8, 12, 13 or 14 digits`,
    );
  }
  if (fault) {
    throw new StationError(
      "LABEL_GTIN_INVALID",
      `GTIN "${gtin}" 校验位错误，应为 ${fault.expected} / wrong check digit`,
    );
  }
  return toGtin14(digits);
}

/**
 * The QR content. Values are percent-encoded (RFC 3986) so the result is ASCII: clone
 * printers garble non-ASCII QR data (DOMAIN.md §5), and a template with non-ASCII text is refused.
 */
export function buildQrUrl(settings: QrUrlSettings, codes: QrCodes): string {
  const gs1 = settings.useGtin && codes.gtin !== undefined && codes.gtin !== "";
  const template = gs1 ? settings.gs1Template : settings.urlTemplate;
  const values: Record<string, string> = {
    baseUrl: settings.baseUrl.replace(/\/+$/, ""),
    code: codes.code,
    lot: codes.lot,
    serial: codes.serial ?? "",
    gtin: gs1 ? normalizeGtin(codes.gtin ?? "") : "",
  };
  let url = template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) {
      throw new StationError(
        "LABEL_QR_TEMPLATE",
        `二维码模板中有未知字段 ${whole} / unknown field in QR template`,
        {
          template,
        },
      );
    }
    return name === "baseUrl" ? value : encodeURIComponent(value);
  });
  // A serial-less Digital Link drops the empty /21/ segment instead of printing "/21/".
  url = url.replace(/\/21\/$/, "").replace(/\/21\/(?=[?#])/, "");
  // A Digital Link that GS1 resolvers and scanners would reject (AI 10/21 over 20 characters,
  // qualifiers out of order) is refused here rather than printed on a day of labels.
  if (gs1) {
    const check = checkDigitalLink(url);
    if (!check.ok) {
      throw new StationError(
        "LABEL_QR_TEMPLATE",
        `GS1 数字链接无效 / invalid GS1 Digital Link: ${check.reason}`,
        {
          template,
        },
      );
    }
  }
  if (!/^[\x20-\x7e]*$/.test(url)) {
    throw new StationError("LABEL_QR_NOT_ASCII", `二维码内容须为 ASCII / QR content must be ASCII: ${url}`, {
      template,
    });
  }
  return url;
}
