import type { LabelSettings } from "../../labels/label-book.js";
import { LabelBook } from "../../labels/label-book.js";
import type { CertificateLabelData, PackageLabelData } from "../../labels/label-data.js";
import { BUILTIN_TEMPLATES_DIR, loadTemplates } from "../../labels/template.js";

export const labelSettings: LabelSettings = {
  stationName: "示范追溯站",
  logoLine: "绿色食品",
  timeZone: "Asia/Shanghai",
  hiddenFields: [],
  qr: {
    baseUrl: "http://trace.example.cn",
    urlTemplate: "{baseUrl}/t/{code}",
    gs1Template: "{baseUrl}/01/{gtin}/10/{lot}/21/{serial}",
    useGtin: true,
  },
  commitment: {
    producer:
      "我承诺对产品质量安全以及合格证真实性负责：不使用禁用农药兽药、停用兽药和非法添加物；常规农药兽药残留不超标。",
    buyer:
      "我承诺对产品质量安全以及合格证真实性负责：已收取并留存上游合格证；未使用非法添加的保鲜剂、防腐剂和添加剂。",
  },
};

export const packageData: PackageLabelData = {
  serial: "ST01261122007K-0012",
  lot: "ST01261122007K",
  productName: "有机西红柿",
  netKg: 12.345,
  packedAt: Date.UTC(2026, 10, 22, 7, 30),
  origin: "山东省寿光市",
  grade: "一级",
};

export const certificateData: CertificateLabelData = {
  number: "ST01-C-000123",
  style: "producer",
  lot: "ST01261122007K",
  productName: "有机西红柿",
  quantity: { value: 120.5, unit: "kg" },
  origin: "山东省寿光市古城街道",
  issuer: "寿光市蔬菜种植专业合作社",
  contact: "0536-1234567",
  issuedAt: Date.UTC(2026, 10, 22, 7, 30),
  basis: ["quality_control", "own_test"],
};

export function labelBook(settings: Partial<LabelSettings> = {}): LabelBook {
  return new LabelBook(loadTemplates([BUILTIN_TEMPLATES_DIR]), { ...labelSettings, ...settings });
}
