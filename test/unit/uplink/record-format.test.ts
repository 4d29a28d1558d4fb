import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { DeliveryState } from "../../../edge/uplink/delivery-state.js";
import { UplinkRecordV1 } from "../../../edge/uplink/record-format.js";
import { stationFormat } from "../../../edge/uplink/record-formats.js";
import { compileSchemaFile } from "../../helpers/uplink-ajv.js";
import { insertDomainRecords, insertReadings, tempStationDb } from "../../helpers/uplink-fixtures.js";

const schemaFile = new URL("../../../edge/uplink/uplink-record-v1.schema.json", import.meta.url);
const documented = JSON.parse(readFileSync(schemaFile, "utf8")) as Record<string, unknown>;

describe("uplink record format v1", () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it("the documented JSON schema is the TypeBox schema the code uses", () => {
    const { $schema: _ignored, ...rest } = documented;
    expect(rest).toEqual(JSON.parse(JSON.stringify(UplinkRecordV1)));
  });

  it("every encoded record (device message and domain record) validates against the documented schema", () => {
    const t = tempStationDb();
    cleanup = t.cleanup;
    insertReadings(t.db, "sensor-1", 3);
    t.db
      .prepare(
        "INSERT INTO messages (device_id, kind, msg_id, ts, received_at, payload) VALUES ('scale-1', 'weight', NULL, 1, 2, ?)",
      )
      .run('{"net":1.25,"unit":"kg","stable":true,"note":"引号\\"和中文"}');
    insertDomainRecords(t.db, "batches", "batch", 2);
    const validate = compileSchemaFile(schemaFile);
    const state = new DeliveryState(t.db, "s", "ST01", stationFormat("ST01"));
    const records = [...state.read("messages", 0, 100), ...state.read("outbox", 0, 100)];
    expect(records).toHaveLength(6);
    for (const r of records) {
      const parsed = JSON.parse(r.body) as Record<string, unknown>;
      expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
      expect(parsed.id).toBe(r.recordId);
    }
    const weight = JSON.parse((records[3] as { body: string }).body) as {
      data: { note: string };
      msgId?: string;
    };
    expect(weight.data.note).toBe('引号"和中文');
    expect(weight.msgId).toBeUndefined();
    expect(JSON.parse((records[4] as { body: string }).body)).toMatchObject({
      id: "batch:0",
      stream: "batches",
      source: "station",
      data: { n: 0, lot: "LOT-0" },
    });
  });
});
