import "../core/core-codes.js";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Static, Type } from "@sinclair/typebox";
import { StationError } from "../core/station-error.js";
import { SHIPPED_LIST_HEADER } from "../domain/compliance/shipped-file.js";
import { validateRecord } from "../domain/domain-error.js";

const CountyTableSchema = Type.Object({
  ...SHIPPED_LIST_HEADER,
  provinces: Type.Record(Type.String({ pattern: "^\\d{2}$" }), Type.String()),
  counties: Type.Record(Type.String({ pattern: "^\\d{6}$" }), Type.String()),
});
export type CountyTableFile = Static<typeof CountyTableSchema>;

export const SHIPPED_COUNTY_TABLE = "county-codes.json";

/** The shipped file beside this module, or beside the sources when running from dist/. */
function shippedPath(): string {
  const here = new URL(`./lists/${SHIPPED_COUNTY_TABLE}`, import.meta.url);
  if (existsSync(fileURLToPath(here))) return fileURLToPath(here);
  return fileURLToPath(new URL(`../../../edge/livestock/lists/${SHIPPED_COUNTY_TABLE}`, import.meta.url));
}

/**
 * County-level administrative division codes (GB/T 2260): the 6 digits after the species digit
 * of an ear tag (畜禽标识和养殖档案管理办法 第八条). The shipped table is the national county
 * list of 2023; `extra` adds codes a region still finds on tags (a county re-coded after its
 * tags were issued keeps them on its animals: 第十二条 only asks to retag a damaged tag).
 */
export class CountyTable {
  private constructor(
    readonly file: CountyTableFile,
    private readonly extra: ReadonlyMap<string, string>,
  ) {}

  static load(extra: Readonly<Record<string, string>> = {}, path?: string): CountyTable {
    const file = path ?? shippedPath();
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, "utf8"));
    } catch (err) {
      throw new StationError(
        "CONFIG_UNREADABLE",
        `县级行政区划代码表无法读取 / county code table unreadable: ${file}: ${(err as Error).message}`,
        { path: file },
      );
    }
    const table = validateRecord<CountyTableFile>(CountyTableSchema, raw, `county table ${file}`);
    return new CountyTable(table, new Map(Object.entries(extra)));
  }

  /** The county's name with its province, or undefined for a code that is no county. */
  name(code: string): string | undefined {
    const county = this.file.counties[code] ?? this.extra.get(code);
    if (county === undefined) return undefined;
    const province = this.file.provinces[code.slice(0, 2)];
    return province ? `${province}${county}` : county;
  }

  get size(): number {
    return Object.keys(this.file.counties).length + this.extra.size;
  }
}
