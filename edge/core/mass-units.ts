/**
 * Kilograms per unit of mass: one table for scale frames (drivers/scale/protocols), the weight
 * contract (`trace/v1/dev/{id}/weight` `unit`) and the packages and certificates made from
 * them (the certificate and GS1 AI 310n use kg).
 */
const KG_PER_UNIT: Readonly<Record<string, number>> = {
  kg: 1,
  g: 0.001,
  mg: 0.000001,
  t: 1000,
  lb: 0.45359237,
  oz: 0.028349523125,
};

/** The units a device may send on the weight topic (DESIGN.md contract; edge/intake/contract.ts). */
export const WEIGHT_UNITS = ["kg", "g", "t", "lb"] as const;
export type WeightUnit = (typeof WEIGHT_UNITS)[number];

/** Factor from a unit as indicators print it (`kg`, `KG`, ` g`, `lb`) to kg; undefined if unknown. */
export function kgPerUnit(unit: string): number | undefined {
  const key = unit.trim().toLowerCase();
  return Object.hasOwn(KG_PER_UNIT, key) ? KG_PER_UNIT[key] : undefined;
}

/** A contract weight in kilograms, to the milligram (what packages store). */
export function toKg(value: number, unit: WeightUnit): number {
  return Math.round(value * (kgPerUnit(unit) ?? 1) * 1e6) / 1e6;
}
