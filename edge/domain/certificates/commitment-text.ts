import type { CertStyle } from "../records.js";

/**
 * The two commitment styles of 承诺达标合格证 (管理办法, MARA order 2025 No. 4; DOMAIN.md §2).
 * The words printed on the certificate; labels lay them out, the domain fixes them at issue.
 */
export const COMMITMENT_TEXT: Record<CertStyle, { zh: string; en: string }> = {
  producer: {
    zh: "我承诺对生产销售的食用农产品：不使用禁用农药兽药、停用兽药和非法添加物；常规农药兽药残留不超标；对承诺的真实性负责。",
    en: "We commit that no banned pesticides, veterinary drugs or prohibited compounds were used, that residues of permitted ones are within limits, and we answer for this commitment.",
  },
  buyer: {
    zh: "我承诺对收购销售的食用农产品：已收取并留存合格证或检测合格证明；未使用非法保鲜剂、防腐剂、添加剂；对承诺的真实性负责。",
    en: "We commit that certificates for the lots bought were collected and kept, that no illegal preservatives or additives were used, and we answer for this commitment.",
  },
};

/** 承诺依据 as printed. */
export const BASIS_TEXT = {
  quality_control: { zh: "质量安全控制符合要求", en: "quality-safety control meets requirements" },
  own_test: { zh: "自行检测合格", en: "own test passed" },
  commissioned_test: { zh: "委托检测合格", en: "commissioned test passed" },
} as const;

/** Older forms had four bases: 自我承诺 and 内部质量控制 map to the first (DOMAIN.md §2). */
export const LEGACY_BASIS: Record<string, keyof typeof BASIS_TEXT> = {
  自我承诺: "quality_control",
  内部质量控制: "quality_control",
  委托检测: "commissioned_test",
  自我检测: "own_test",
};
