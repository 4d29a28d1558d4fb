import pino from "pino";
import { describe, expect, it } from "vitest";
import { ConfigError, validateConfig } from "../../../edge/config/load.js";
import { systemClock } from "../../../edge/core/clock.js";
import type { StationError } from "../../../edge/core/station-error.js";
import { Uplink } from "../../../edge/uplink/uplink.js";
import { tempStationDb } from "../../helpers/uplink-fixtures.js";

describe("uplink config section", () => {
  it("fills every default of a sink from the schema", () => {
    const { config } = validateConfig({
      uplink: {
        sinks: [
          { type: "mqtt", name: "platform", url: "mqtts://platform.example.cn:8883" },
          { type: "https", name: "province", url: "https://province.example.cn/api/records" },
        ],
      },
    });
    expect(config.uplink.sinks[0]).toMatchObject({
      topic: "trace-station/{station}/{kind}",
      inFlight: 500,
      keepaliveSec: 30,
    });
    expect(config.uplink.sinks[1]).toMatchObject({ batchSize: 200, timeoutMs: 15000, headers: {} });
    expect(config.uplink.backoff).toEqual({ initialMs: 1000, maxMs: 60000, factor: 2 });
    expect(config.uplink.retention).toMatchObject({ readings: "keep", maxAgeHours: 168 });
    expect(validateConfig({}).config.uplink.sinks).toEqual([]);
  });

  it("refuses a bad sink with its path, every problem at once", () => {
    let error: unknown;
    try {
      validateConfig({
        uplink: {
          sinks: [{ type: "mqtt", name: "Bad Name", url: "ftp://x", inFlight: 0 }],
          retention: { readings: "shred" },
        },
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const paths = (error as ConfigError).problems.map((p) => p.path).join(" ");
    expect(paths).toContain("/uplink/sinks/0");
    expect(paths).toContain("/uplink/retention/readings");
  });

  it("refuses two sinks with one name (their delivery state would mix) and an unreadable certificate", () => {
    // Both are config errors now, listed with the others before anything starts (issue 15).
    const problems = (sinks: unknown[]) => {
      try {
        validateConfig({ uplink: { sinks } });
        return [];
      } catch (err) {
        return (err as ConfigError).problems.map((p) => p.path);
      }
    };
    expect(
      problems([
        { type: "mqtt", name: "a", url: "mqtt://127.0.0.1:1" },
        { type: "https", name: "a", url: "https://127.0.0.1:1/" },
      ]),
    ).toEqual(["/uplink/sinks/1/name"]);
    expect(
      problems([{ type: "mqtt", name: "a", url: "mqtts://127.0.0.1:1", ca: "/nonexistent/ca.pem" }]),
    ).toEqual(["/uplink/sinks/0/ca"]);
    // The component keeps its own guard for configs built in code.
    const t = tempStationDb();
    try {
      const base = validateConfig({
        uplink: { sinks: [{ type: "mqtt", name: "a", url: "mqtt://127.0.0.1:1" }] },
      }).config.uplink;
      const sink = base.sinks[0] as (typeof base.sinks)[number];
      expect(
        () =>
          new Uplink({
            db: t.db,
            config: { ...base, sinks: [sink, sink] },
            station: "ST01",
            clock: systemClock,
            log: pino({ level: "silent" }),
          }),
      ).toThrow(expect.objectContaining({ code: "UPLINK_SINK_DUPLICATE" }) as StationError);
    } finally {
      t.cleanup();
    }
  });
});
