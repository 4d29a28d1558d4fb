import { describe, expect, it } from "vitest";
import { isStationError } from "../../../edge/core/station-error.js";
import { CountyTable } from "../../../edge/livestock/county-table.js";
import { parseEarTag } from "../../../edge/livestock/ear-tag.js";

const counties = CountyTable.load();
const refusal = (tag: string, table = counties) => {
  try {
    parseEarTag(tag, table);
  } catch (err) {
    if (isStationError(err)) return err.code;
    throw err;
  }
  return "accepted";
};

/** 畜禽标识和养殖档案管理办法 第八条: species (1 pig, 2 cattle, 3 sheep), county code, serial; 15 digits. */
describe("ear tags", () => {
  it("reads the written, spaced and bare forms alike", () => {
    for (const form of ["2-630121-00012345", "2 630121 00012345", "263012100012345"]) {
      expect(parseEarTag(form, counties)).toMatchObject({
        code: "263012100012345",
        species: "cattle",
        serial: "00012345",
      });
    }
    expect(parseEarTag("1-110101-00000001", counties).countyName).toBe("北京市东城区");
  });

  it("ships every county-level unit of Qinghai and a national table", () => {
    const qinghai = Object.keys(counties.file.counties).filter((c) => c.startsWith("63"));
    expect(qinghai).toHaveLength(45);
    expect(counties.size).toBeGreaterThan(2800);
  });

  it.each([
    ["2-630121-0001234", "LIVESTOCK_TAG_LENGTH"],
    ["2-630121-000123456", "LIVESTOCK_TAG_LENGTH"],
    ["2-63O121-00012345", "LIVESTOCK_TAG_LENGTH"],
    ["0-630121-00012345", "LIVESTOCK_TAG_SPECIES"],
    ["4-630121-00012345", "LIVESTOCK_TAG_SPECIES"],
    ["2-630100-00012345", "LIVESTOCK_TAG_COUNTY"],
    ["2-630122-00012345", "LIVESTOCK_TAG_COUNTY"],
  ])("refuses %s with %s", (tag, code) => {
    expect(refusal(tag)).toBe(code);
  });

  it("accepts a retired county code the config adds (tags issued before re-coding)", () => {
    const withOld = CountyTable.load({ "630122": "湟中县（旧）" });
    expect(refusal("2-630122-00012345", withOld)).toBe("accepted");
  });
});
