import { pick } from "../i18n.js";

/** Texts of the shipment and recall screens, Chinese first (kept beside them, not in i18n.js). */
const TEXT = {
  buyer: { zh: "购货方", en: "Buyer" },
  findBuyer: { zh: "输入名称、市场或证件号查找", en: "Type a name, market or ID to find" },
  newBuyer: { zh: "新购货方", en: "New buyer" },
  buyerName: { zh: "名称或姓名", en: "Name" },
  idNumber: { zh: "统一社会信用代码或身份证号", en: "Credit code or ID number" },
  phone: { zh: "电话", en: "Phone" },
  market: { zh: "批发市场/摊位", en: "Market / stall" },
  address: { zh: "地址", en: "Address" },
  needsCert: { zh: "需要随货合格证", en: "Wants the certificate" },
  change: { zh: "换一个", en: "Change" },
  scan: {
    zh: "扫包装标签二维码，或输入包装号后回车",
    en: "Scan the package label QR, or type its serial + Enter",
  },
  scanned: { zh: "已扫包装", en: "Scanned packages" },
  count: { zh: "件数", en: "Packages" },
  weight: { zh: "净重", en: "Net weight" },
  left: { zh: "批次剩余", en: "Left in batch" },
  remove: { zh: "移除", en: "Remove" },
  bulk: { zh: "按批次出库（无标签散货）", en: "Quantity from a batch (no labels)" },
  lot: { zh: "批次码", en: "Lot" },
  add: { zh: "加入", en: "Add" },
  certs: { zh: "随货交付的合格证", en: "Certificates handed over" },
  noCerts: { zh: "这些批次还没有有效合格证", en: "No valid certificate for these batches" },
  plate: { zh: "车牌号（可不填）", en: "Vehicle plate (optional)" },
  ship: { zh: "确认出库", en: "Ship" },
  shipped: { zh: "已出库", en: "Shipped" },
  printList: { zh: "打印出库清单", en: "Print shipping list" },
  printCert: { zh: "打印合格证", en: "Print certificate" },
  next: { zh: "下一单", en: "Next shipment" },
  empty: { zh: "还没有扫包装", en: "Nothing scanned yet" },
  needBuyer: { zh: "请先选择或填写购货方", en: "Pick or type the buyer first" },
  recallTitle: { zh: "召回查询（主管）", en: "Recall (supervisor)" },
  byBatch: { zh: "按本站批次码", en: "By our lot" },
  byIncoming: { zh: "按来货批次码", en: "By supplier lot" },
  search: { zh: "查询", en: "Search" },
  backward: { zh: "原料来源", en: "Supplier lots" },
  forward: { zh: "批次与去向", en: "Batches and where they went" },
  buyers: { zh: "需通知的购货方", en: "Buyers to notify" },
  notShipped: { zh: "未出库", en: "Not shipped" },
  none: { zh: "没有找到", en: "Nothing found" },
  shipments: { zh: "单", en: "shipments" },
};

export function tx(key) {
  return pick(TEXT[key]) || key;
}
