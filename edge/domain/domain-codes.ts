import { type CodesOf, defineCodes } from "../core/error-codes.js";

/** Codes of the domain: master data, records, batches, compliance gate, certificates. */
export const domainCodes = defineCodes({
  DOMAIN_INVALID: {
    title: { zh: "记录内容不合要求", en: "Record is not valid" },
    remedy: {
      zh: "按提示改正所列字段（代码校验位、日期、必填项）后重新提交",
      en: "Fix the listed field (check character, date, required value) and submit again",
    },
  },
  DOMAIN_NOT_FOUND: {
    title: { zh: "记录不存在", en: "Record not found" },
    remedy: {
      zh: "用 list 命令核对编号（批次码、产品、地块、合格证号）",
      en: "Check the id with the list command (lot, product, site, certificate number)",
    },
  },
  DOMAIN_UNKNOWN_SITE: {
    title: { zh: "地块/圈舍/池塘未登记", en: "Site is not registered" },
    remedy: {
      zh: "先用 trace-station site add 登记该地块，设备上报的 site 要与编号一致",
      en: "Register the site with trace-station site add; the device's site must match its id",
    },
  },
  DOMAIN_INVALID_REG_NO: {
    title: { zh: "农药登记证号不对", en: "Pesticide registration number is not valid" },
    remedy: {
      zh: "照农药标签填写登记证号，如 PD20080005（PD+年份4位+序号4位）",
      en: "Copy the number from the label, e.g. PD20080005 (PD + year + 4-digit sequence)",
    },
  },
  DOMAIN_NO_SUBJECT: {
    title: { zh: "尚未登记生产经营主体", en: "The subject running the station is not set" },
    remedy: {
      zh: "用 trace-station subject set 填写主体名称、类型和统一社会信用代码",
      en: "Set it with trace-station subject set (name, kind, credit code)",
    },
  },
  DOMAIN_BATCH_STATE: {
    title: { zh: "批次状态不允许此操作", en: "Batch state does not allow this" },
    remedy: {
      zh: "称重只能进入未关闭的批次；开具合格证前先关闭批次并填写采收日期",
      en: "Weigh only into open batches; close the batch with a harvest date before issuing a certificate",
    },
  },
  DOMAIN_NO_SCALE_SELECTION: {
    title: { zh: "该秤没有选定批次", en: "No batch is selected for this scale" },
    remedy: {
      zh: "在操作屏或用 trace-station batch select LOT --scale 设备 为该秤选定一个未关闭批次",
      en: "Select an open batch for the scale on the kiosk or with trace-station batch select LOT --scale DEVICE",
    },
  },
  DOMAIN_PACKAGE_VOIDED: {
    title: { zh: "包装已作废", en: "Package already voided" },
    remedy: {
      zh: "该包装已从批次合计中扣除，无需再作废；如需更正请称一件新的包装",
      en: "It is already out of the batch totals; weigh a new package if one is needed",
    },
  },
  DOMAIN_NO_PACKAGES: {
    title: { zh: "批次没有包装记录", en: "Batch has no packages" },
    remedy: {
      zh: "先称重或手工录入包装，合格证数量取自包装合计",
      en: "Weigh or enter packages first; the certificate quantity is their total",
    },
  },
  DOMAIN_COMPLIANCE_BLOCKED: {
    title: { zh: "合规检查未通过，不能开具合格证", en: "Compliance gate blocks the certificate" },
    remedy: {
      zh: "按所列原因处理：等到最早允许采收日再采收，或换承诺依据；确需放行时由主管填写原因后放行",
      en: "Act on each block: harvest on or after the earliest allowed day, or change the basis; a supervisor may override with a reason",
    },
  },
  DOMAIN_OVERRIDE_INVALID: {
    title: { zh: "放行需要主管姓名和原因", en: "Override needs a supervisor and a reason" },
    remedy: {
      zh: "填写主管姓名和不少于 4 个字的放行原因；原因会被记录并上报",
      en: "Give the supervisor's name and a reason of at least 4 characters; it is recorded and reported",
    },
  },
  DOMAIN_CERT_VOID: {
    title: { zh: "合格证已作废", en: "Certificate is void" },
    remedy: {
      zh: "作废的合格证不能补打或再次作废；为该批次重新开具一张（新编号）",
      en: "A void certificate cannot be reprinted or voided again; issue a new one (new number)",
    },
  },
  DOMAIN_CERT_RETENTION: {
    title: { zh: "合格证记录未满两年，不能删除", en: "Certificate records are kept for two years" },
    remedy: {
      zh: "开具记录至少保存两年（管理办法）；错误的合格证请作废而不是删除",
      en: "Issuing records are kept at least two years; void a wrong certificate instead of deleting it",
    },
  },
  DOMAIN_INVALID_LABEL_QR: {
    title: { zh: "农药标签二维码无法使用", en: "Pesticide label QR cannot be used" },
    remedy: {
      zh: "扫瓶身上的 32 位农药标签二维码；首次出现的产品请同时填写登记证号和有效成分，之后扫码即可",
      en: "Scan the 32-digit label QR on the bottle; for a product seen the first time also give its registration number and ingredients",
    },
  },
  DOMAIN_CERT_CONTENT: {
    title: { zh: "合格证缺少必备内容", en: "Certificate lacks required content" },
    remedy: {
      zh: "补齐所列内容：主体的产地和联系方式、批次的地块；收购者合格证须关联已收取的来货合格证及其产地。此项不能放行",
      en: "Supply what is listed: the subject's origin and contact, the batch's sites; the buyer style needs linked incoming lots with their origin. No override passes this",
    },
  },
  DOMAIN_CERT_REVIEW: {
    title: { zh: "合格证待复核", en: "Certificate needs review" },
    remedy: {
      zh: "开具后新录入的记录会阻止该合格证：由主管核实后填写原因解除待复核，或作废后重开",
      en: "A record entered after issuance would have blocked it: a supervisor clears it with a reason, or voids it and issues a new one",
    },
  },
});

declare module "../core/error-codes.js" {
  interface ErrorCodes extends CodesOf<typeof domainCodes> {}
}
