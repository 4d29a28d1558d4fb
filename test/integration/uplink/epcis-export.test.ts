import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { exportEpcis } from "../../../edge/epcis/export-events.js";
import { cliOk, runCli } from "../../helpers/cli.js";
import { DAY, type DomainFixture, MAY_1, openDomainFixture } from "../../helpers/domain-fixture.js";
import { compileSchemaFile, EPCIS_SCHEMA_FILE } from "../../helpers/uplink-ajv.js";
import { populateTwoBatches } from "../../helpers/uplink-domain.js";

const validate = compileSchemaFile(EPCIS_SCHEMA_FILE);
const station = { code: "ST01", name: "测试站", timezone: "Asia/Shanghai" };

describe("trace-station export epcis", () => {
  let f: DomainFixture | undefined;
  let dir = "";
  afterEach(() => {
    f?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("exports every event kind of a batch, and every document validates against the official EPCIS 2.0 schema", async () => {
    dir = mkdtempSync(join(tmpdir(), "epcis-export-"));
    f = openDomainFixture({ dir: join(dir, "data") });
    const lots = populateTwoBatches(f);

    const one = exportEpcis(f.domain, station, { lot: lots.tomato }, MAY_1 + 2 * DAY);
    expect(validate(one), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const kinds = one.epcisBody.eventList.map((e) => `${e.type}:${e.bizStep}`);
    expect(kinds.sort()).toEqual(
      [
        "ObjectEvent:commissioning",
        "ObjectEvent:commissioning",
        "ObjectEvent:commissioning",
        "ObjectEvent:inspecting",
        "ObjectEvent:sensor_reporting",
        "TransformationEvent:commissioning",
      ].sort(),
    );
    // Made from incoming lots: the transformation's output commissions the lot's quantity once;
    // the lot's own ADD carries its master data only, packages are instances.
    const lotEvent = one.epcisBody.eventList.find(
      (e) => e.type === "ObjectEvent" && e.bizStep === "commissioning" && e.epcList?.length === 0,
    );
    expect(lotEvent).toMatchObject({
      action: "ADD",
      ilmd: { "cbvmda:lotNumber": lots.tomato, "ts:producerName": "绿源蔬菜专业合作社" },
    });
    expect(lotEvent).not.toHaveProperty("quantityList");
    const transformation = one.epcisBody.eventList.find((e) => e.type === "TransformationEvent");
    expect(transformation).toMatchObject({
      outputQuantityList: [
        { epcClass: `https://id.gs1.org/01/06901234567892/10/${lots.tomato}`, quantity: 10.5, uom: "KGM" },
      ],
    });

    // The CLI, as an operator runs it: one batch to a file, everything since a time, everything.
    const out = join(dir, "tomato.jsonld");
    await cliOk(["export", "epcis", "--data", join(dir, "data"), "--batch", lots.tomato, "--out", out]);
    const fromFile = JSON.parse(readFileSync(out, "utf8"));
    expect(validate(fromFile), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(fromFile.id).toMatch(/^urn:uuid:/);
    expect(fromFile.epcisBody.eventList.map((e: { eventID: string }) => e.eventID).sort()).toEqual(
      one.epcisBody.eventList.map((e) => e.eventID).sort(),
    );

    const since = await cliOk([
      "export",
      "epcis",
      "--data",
      join(dir, "data"),
      "--since",
      new Date(MAY_1 + DAY / 2).toISOString(),
    ]);
    const sinceDoc = JSON.parse(since.stdout);
    expect(validate(sinceDoc), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const pepperEvents = sinceDoc.epcisBody.eventList as Array<{ eventTime: string; "ts:result"?: string }>;
    expect(pepperEvents.length).toBeGreaterThan(0);
    expect(pepperEvents.every((e) => Date.parse(e.eventTime) >= MAY_1 + DAY / 2)).toBe(true);
    expect(pepperEvents.some((e) => e["ts:result"] === "positive")).toBe(true);

    const all = JSON.parse((await cliOk(["export", "epcis", "--data", join(dir, "data")])).stdout);
    expect(validate(all), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(all.epcisBody.eventList.length).toBeGreaterThan(one.epcisBody.eventList.length);
    const ids = all.epcisBody.eventList.map((e: { eventID: string }) => e.eventID);
    expect(new Set(ids).size).toBe(ids.length);

    // Nothing to export is an error with a code, not an empty document.
    const none = await runCli([
      "export",
      "epcis",
      "--data",
      join(dir, "data"),
      "--since",
      "2030-01-01T00:00:00Z",
    ]);
    expect(none).toMatchObject({ status: 1 });
    expect(none.stderr).toContain("EPCIS_NOTHING_TO_EXPORT");
  });
});
