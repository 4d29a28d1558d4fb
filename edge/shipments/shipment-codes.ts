import { type CodesOf, defineCodes } from "../core/error-codes.js";

/** Codes of shipments (出库 / 销售去向), the buyers register and recall. */
export const shipmentCodes = defineCodes({
  SHIPMENT_BUYER_INVALID: {
    title: { zh: "购货方信息不合要求", en: "Buyer details not valid" },
    remedy: {
      zh: "核对统一社会信用代码（18 位，末位校验）或身份证号（18 位，末位校验）和电话号码后重填",
      en: "Check the credit code (18 chars, check char) or ID number (18, check digit) and the phone, then retry",
    },
  },
  SHIPMENT_SCAN_UNREADABLE: {
    title: { zh: "扫到的不是本站包装标签", en: "Scan is not one of this station's package labels" },
    remedy: {
      zh: "扫包装标签上的二维码，或输入标签上的包装号（批次码-序号）",
      en: "Scan the QR on the package label, or type the package serial printed on it (lot-seq)",
    },
  },
  SHIPMENT_PACKAGE_SHIPPED: {
    title: { zh: "此包装已出库", en: "Package already shipped" },
    remedy: {
      zh: "同一包装只能出库一次；查看提示中的出库单，确认是否重复扫码或标签被复制",
      en: "A package ships once; look up the shipment named, check for a double scan or a copied label",
    },
  },
  SHIPMENT_PACKAGE_UNAVAILABLE: {
    title: { zh: "此包装不能出库（已作废或未贴好标签）", en: "Package cannot ship (voided or not labelled)" },
    remedy: {
      zh: "作废的包装不能出库；标签未打完的包装等打印完成后再扫",
      en: "A voided package never ships; a package still labelling can ship once its label is printed",
    },
  },
  SHIPMENT_STOCK_SHORT: {
    title: { zh: "批次余量不足", en: "Not enough left in the batch" },
    remedy: {
      zh: "按提示中的余量减少出库数量，或核对之前的出库单",
      en: "Ship at most the quantity left (shown), or check the earlier shipments",
    },
  },
  SHIPMENT_CERTIFICATE_MISMATCH: {
    title: { zh: "合格证已作废或不属于出库的批次", en: "Certificate void or not of a shipped batch" },
    remedy: {
      zh: "只交付本次出库批次的有效合格证；作废的合格证请重新开具",
      en: "Hand over only valid certificates of the batches shipped; issue a new one for a voided one",
    },
  },
  SHIPMENT_VEHICLE_INVALID: {
    title: { zh: "车牌号格式不对", en: "Vehicle plate not valid" },
    remedy: {
      zh: "按行驶证填写，如 闽A12345 或新能源 闽AD12345",
      en: "Type it as on the registration, e.g. 闽A12345 or 闽AD12345 (new energy)",
    },
  },
  SHIPMENT_EMPTY: {
    title: { zh: "出库单没有货物", en: "Shipment lists nothing" },
    remedy: {
      zh: "至少扫一个包装标签或填一个批次的出库数量",
      en: "Scan at least one package label or enter a quantity from a batch",
    },
  },
  SHIPMENT_NOT_FOUND: {
    title: { zh: "出库单不存在", en: "Shipment not found" },
    remedy: {
      zh: "用 trace-station shipment list 或出库清单上的单号核对",
      en: "Check the number with trace-station shipment list or on the printed shipping list",
    },
  },
  SHIPMENT_RECALL_QUERY: {
    title: { zh: "召回查询需要批次码或来货批次码", en: "Recall needs a batch lot or a supplier lot" },
    remedy: {
      zh: "用 --batch 批次码 或 --incoming 来货批次码（其一）",
      en: "Give --batch LOT or --incoming SUPPLIER_LOT (one of them)",
    },
  },
});

declare module "../core/error-codes.js" {
  interface ErrorCodes extends CodesOf<typeof shipmentCodes> {}
}
