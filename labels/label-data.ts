/**
 * What the templates print, independent of where the records come from (the batches
 * component's packages and certificates map onto these). Times are epoch milliseconds.
 */
export interface PackageLabelData {
  serial: string;
  lot: string;
  productName: string;
  /** Net weight in kg; absent for counted goods. */
  netKg?: number;
  /** Count and unit for goods sold by the piece, e.g. 12 "枚". */
  count?: { value: number; unit: string };
  packedAt: number;
  origin?: string;
  grade?: string;
  gtin?: string;
  /** 国家追溯码 when known: opaque, printed as text only. */
  nationalCode?: string;
  /** The producer (subject) and its phone, so a buyer can reach who packed it. */
  producer?: string;
  phone?: string;
  /** The weight was typed, not weighed: the label says 手输. */
  manual?: boolean;
}

/** 承诺依据 (DOMAIN.md §2): quality-safety control, own test passed, commissioned test passed. */
export type CertificateBasis = "quality_control" | "own_test" | "commissioned_test";

export interface CertificateLabelData {
  number: string;
  /** producer: 生产者承诺; buyer: 收购者 who collected the upstream certificates. */
  style: "producer" | "buyer";
  lot: string;
  productName: string;
  quantity: { value: number; unit: string };
  origin: string;
  issuer: string;
  contact: string;
  issuedAt: number;
  basis: CertificateBasis[];
  /** The commitment text frozen on the certificate; the configured text for its style otherwise. */
  commitment?: string;
  gtin?: string;
  nationalCode?: string;
  /** 动物检疫合格证明 number, for animals sold or slaughtered. */
  quarantineNo?: string;
  /** The person who issued it (开具人), on templates with room for it. */
  issuedBy?: string;
}

/** Format a quantity the way a scale shows it: kg with three decimals, counts as integers. */
export function formatQuantity(value: number, unit: string): string {
  const text = unit.toLowerCase() === "kg" ? value.toFixed(3) : String(Math.round(value * 1000) / 1000);
  return `${text} ${unit}`;
}
