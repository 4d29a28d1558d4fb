import { describe, expect, it } from "vitest";
import { epcisDocument } from "../../../edge/epcis/document.js";
import type { LotRef } from "../../../edge/epcis/epcis-input.js";
import { packageCommissioned } from "../../../edge/epcis/events.js";
import { eventId } from "../../../edge/epcis/identifiers.js";
import { packageDecommissioned } from "../../../edge/epcis/package-decommissioned.js";
import { compileSchemaFile, EPCIS_SCHEMA_FILE } from "../../helpers/uplink-ajv.js";

const validate = compileSchemaFile(EPCIS_SCHEMA_FILE);
const station = { code: "ST01", name: "示范站", timezone: "Asia/Shanghai" };
const T = Date.parse("2026-05-01T08:00:00+08:00");
const ref: LotRef = {
  lot: "ST01-260501-0001-K",
  gtin: "06901234567892",
  productId: "tomato",
  productName: "番茄",
};
const serial = "ST01-260501-0001-K-002";

describe("EPCIS 2.0 event of a voided package", () => {
  it("withdraws the commissioned EPC: DELETE, decommissioning, inactive, with the reason, schema-valid", () => {
    const added = packageCommissioned(station, { ref, serial, netKg: 5.2, weighedAt: T });
    const voided = packageDecommissioned(station, { ref, serial, reason: "重量不对", voidedAt: T + 60_000 });
    expect(voided).toEqual({
      type: "ObjectEvent",
      eventID: eventId("ST01", `package-void:${serial}`),
      eventTime: "2026-05-01T00:01:00.000Z",
      eventTimeZoneOffset: "+08:00",
      action: "DELETE",
      bizStep: "decommissioning",
      disposition: "inactive",
      epcList: added.epcList,
      readPoint: { id: "urn:trace-station:ST01:station" },
      bizLocation: { id: "urn:trace-station:ST01:station" },
      "ts:voidReason": "重量不对",
    });
    expect(voided.eventID).not.toBe(added.eventID);
    const doc = epcisDocument([added, voided], T + 60_000);
    expect(validate(doc), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it("the schema refuses the event with an action EPCIS does not have (the check can fail)", () => {
    const voided = packageDecommissioned(station, { ref, serial, reason: "x", voidedAt: T });
    expect(validate(epcisDocument([{ ...voided, action: "REMOVE" } as never], T))).toBe(false);
  });
});
