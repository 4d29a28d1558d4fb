import { describe, expect, it } from "vitest";
import { decodeDeviceMessage } from "../../../edge/intake/decode.js";

const NOW = Date.UTC(2026, 4, 1, 8, 0, 0);
const decode = (kind: Parameters<typeof decodeDeviceMessage>[1], body: string | Buffer, max = 65536) =>
  decodeDeviceMessage("dev1", kind, typeof body === "string" ? Buffer.from(body) : body, NOW, max);

function refusalCode(result: ReturnType<typeof decode>): string {
  if (result.ok) throw new Error("expected a refusal");
  return result.refusal.code;
}

describe("device message contract v1", () => {
  it("accepts a reading and keeps the metric values", () => {
    const r = decode("reading", JSON.stringify({ msgId: 7, values: { air_temp: 23.4, air_rh: 61 } }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.message.msgId).toBe("7");
    expect(r.message.ts).toBe(NOW);
    expect(r.message.values).toEqual([
      ["air_temp", 23.4],
      ["air_rh", 61],
    ]);
  });

  it("reads ts as ISO-8601 with offset or as epoch milliseconds", () => {
    const iso = decode("reading", JSON.stringify({ ts: "2026-05-01T15:30:00+08:00", values: { co2: 400 } }));
    const ms = decode("reading", JSON.stringify({ ts: Date.UTC(2026, 4, 1, 7, 30), values: { co2: 400 } }));
    expect(iso.ok && iso.message.ts).toBe(Date.UTC(2026, 4, 1, 7, 30));
    expect(ms.ok && ms.message.ts).toBe(Date.UTC(2026, 4, 1, 7, 30));
  });

  it("refuses each kind of bad input with its own code", () => {
    expect(refusalCode(decode("reading", "{not json"))).toBe("INTAKE_BAD_JSON");
    expect(refusalCode(decode("reading", Buffer.from([0x7b, 0xff, 0xfe, 0x7d])))).toBe("INTAKE_BAD_UTF8");
    expect(refusalCode(decode("reading", JSON.stringify({ values: { leaf_colour: 3 } })))).toBe(
      "INTAKE_UNKNOWN_METRIC",
    );
    expect(refusalCode(decode("reading", JSON.stringify({ values: { air_rh: 612 } })))).toBe(
      "INTAKE_OUT_OF_RANGE",
    );
    expect(refusalCode(decode("reading", JSON.stringify({ ts: 1 })))).toBe("INTAKE_MISSING_FIELD");
    expect(refusalCode(decode("weight", JSON.stringify({ net: "12", unit: "kg", stable: true })))).toBe(
      "INTAKE_INVALID_FIELD",
    );
    expect(
      refusalCode(decode("reading", JSON.stringify({ values: { co2: 1 }, pad: "x".repeat(300) }), 256)),
    ).toBe("INTAKE_TOO_LARGE");
    expect(refusalCode(decode("reading", JSON.stringify({ ts: "yesterday", values: { co2: 1 } })))).toBe(
      "INTAKE_BAD_TIME",
    );
    expect(refusalCode(decode("reading", JSON.stringify({ ts: 0, values: { co2: 1 } })))).toBe(
      "INTAKE_BAD_TIME",
    );
  });

  it("names the missing field in the reason", () => {
    const r = decode("weight", JSON.stringify({ net: 1.2, stable: true }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.refusal.reason).toContain("/unit");
  });

  it("accepts a plain-text status (the last will) and a JSON one", () => {
    const plain = decode("status", "offline");
    const json = decode("status", JSON.stringify({ state: "online" }));
    expect(plain.ok && plain.message.online).toBe(false);
    expect(json.ok && json.message.online).toBe(true);
  });

  it("accepts every contract kind in its documented form", () => {
    expect(decode("weight", JSON.stringify({ net: 12.345, unit: "kg", stable: true, tare: 0.2 })).ok).toBe(
      true,
    );
    expect(decode("scan", JSON.stringify({ code: "https://example.cn/t/ST01" })).ok).toBe(true);
    expect(
      decode(
        "input",
        JSON.stringify({
          site: "G1",
          kind: "pesticide",
          name: "联苯菊酯",
          regNo: "PD20080005",
          amount: 0.5,
          unit: "L",
          intervalDays: 4,
          operator: "王师傅",
        }),
      ).ok,
    ).toBe(true);
    expect(
      decode("test", JSON.stringify({ sample: "番茄", method: "GB/T 5009.199-2003", inhibition: 12 })).ok,
    ).toBe(true);
  });
});
