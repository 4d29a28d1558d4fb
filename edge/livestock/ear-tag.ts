import "./livestock-codes.js";
import { StationError } from "../core/station-error.js";
import type { CountyTable } from "./county-table.js";

/**
 * 畜禽标识和养殖档案管理办法（农业部令2006年第67号）第八条: the code is 15 digits, species
 * code, county-level administrative code and serial, written (种类代码)-(县级行政区域代码)-
 * (标识顺序号); pig 1, cattle 2, sheep 3 (第八条). 第七条: one animal, one tag, the code unique.
 */
export const SPECIES = { 1: "pig", 2: "cattle", 3: "sheep" } as const;
export type Species = (typeof SPECIES)[keyof typeof SPECIES];
export const SPECIES_ZH: Record<Species, string> = { pig: "猪", cattle: "牛", sheep: "羊" };
export const SPECIES_LIST: readonly Species[] = ["pig", "cattle", "sheep"];

export interface EarTag {
  /** The 15 digits, as stored and as the 2D code carries them. */
  code: string;
  species: Species;
  county: string;
  countyName: string;
  serial: string;
  /** The written form of 第八条: 2-630121-00012345. */
  written: string;
}

/** The written form for a 15-digit code. */
export function writtenTag(code: string): string {
  return `${code.slice(0, 1)}-${code.slice(1, 7)}-${code.slice(7)}`;
}

/**
 * An ear tag as typed, scanned from its 2D code or printed (`2-630121-00012345`, spaces or
 * dashes between the parts), checked: 15 digits, species, county. Each refusal has its own
 * code and says what was wrong.
 */
export function parseEarTag(text: string, counties: CountyTable): EarTag {
  const trimmed = text.trim();
  const code = trimmed.replace(/[\s-]/g, "");
  if (!/^\d+$/.test(code) || code.length !== 15) {
    const digits = code.replace(/\D/g, "").length;
    throw new StationError(
      "LIVESTOCK_TAG_LENGTH",
      `耳标号 "${trimmed}" 须为15位数字，实为 ${digits} 位数字${digits === code.length ? "" : "及其他字符"} / ear tag must be 15 digits, got ${code.length} characters`,
      { tag: trimmed, length: code.length },
    );
  }
  const digit = code.slice(0, 1) as "1" | "2" | "3";
  const species = (SPECIES as Record<string, Species | undefined>)[digit];
  if (species === undefined) {
    throw new StationError(
      "LIVESTOCK_TAG_SPECIES",
      `耳标号 ${writtenTag(code)} 的种类代码 ${digit} 不是猪1、牛2、羊3 / species code ${digit} is not 1 (pig), 2 (cattle) or 3 (sheep)`,
      { tag: code, speciesCode: digit },
    );
  }
  const county = code.slice(1, 7);
  const countyName = counties.name(county);
  if (countyName === undefined) {
    throw new StationError(
      "LIVESTOCK_TAG_COUNTY",
      `耳标号 ${writtenTag(code)} 的县级行政区域代码 ${county} 不在县级行政区划代码表中 / county code ${county} is not a county (GB/T 2260)`,
      { tag: code, county },
    );
  }
  return { code, species, county, countyName, serial: code.slice(7), written: writtenTag(code) };
}
