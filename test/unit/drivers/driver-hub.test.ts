import { Value } from "@sinclair/typebox/value";
import { describe, expect, it } from "vitest";
import { type DriversConfig, DriversSection } from "../../../drivers/config-schema.js";
import { DriverHub } from "../../../drivers/driver-hub.js";
import { splitLines } from "../../../drivers/scanner/line-splitter.js";
import { createMemoryPair } from "../../../drivers/transport/memory-transport.js";
import { silentLogger } from "../../../edge/core/logger.js";
import { isStationError } from "../../../edge/core/station-error.js";
import { FakeClock } from "../../helpers/fake-clock.js";

function hub(drivers: Record<string, unknown>, demo = true) {
  const registered: string[] = [];
  return {
    registered,
    hub: new DriverHub({
      drivers: Value.Default(DriversSection, drivers) as DriversConfig,
      demo,
      intake: { submit: async () => ({ status: "duplicate" }) as never },
      broker: { publishLive() {} },
      devices: { ensureInternal: (id) => registered.push(id) },
      clock: new FakeClock(),
      log: silentLogger(),
      openTransport: (settings) => createMemoryPair(settings.path)[0],
    }),
  };
}

describe("driver hub", () => {
  it("runs the demo scale only when no serial hardware is configured", async () => {
    const empty = hub({});
    expect(empty.hub.status().map((s) => s.id)).toEqual(["demo-scale"]);
    const withScanner = hub({ scanners: [{ id: "scan-1", serial: { path: "/dev/ttyACM0" } }] });
    expect(withScanner.hub.status().map((s) => s.id)).toEqual(["scan-1"]);
    expect(hub({}, false).hub.status()).toEqual([]);
    await withScanner.hub.start();
    expect(withScanner.registered).toEqual(["scan-1"]);
    await withScanner.hub.stop();
  });

  it("refuses a device id or serial path used twice, and an unknown sensor model", () => {
    const refusal = (drivers: Record<string, unknown>) => {
      try {
        hub(drivers);
      } catch (err) {
        return isStationError(err) ? err.code : String(err);
      }
      return "accepted";
    };
    const serial = (path: string) => ({ path });
    expect(
      refusal({
        scales: [{ id: "s1", protocol: "toledo", serial: serial("/dev/a") }],
        scanners: [{ id: "s1", serial: serial("/dev/b") }],
      }),
    ).toBe("CONFIG_INVALID");
    expect(
      refusal({
        scales: [{ id: "s1", protocol: "toledo", serial: serial("/dev/a") }],
        modbus: [{ id: "bus", serial: serial("/dev/a"), sensors: [] }],
      }),
    ).toBe("CONFIG_INVALID");
    expect(
      refusal({
        modbus: [{ id: "bus", serial: serial("/dev/a"), sensors: [{ id: "x", model: "no-such-model" }] }],
      }),
    ).toBe("DRIVER_MODEL_UNKNOWN");
  });
});

describe("scanner lines", () => {
  it("splits CR, LF and CR LF lines across chunks and drops a line that never ends", () => {
    const first = splitLines(Buffer.from("ABC\r\nDEF\rGH"));
    expect(first.lines.map(String)).toEqual(["ABC", "DEF"]);
    const second = splitLines(Buffer.concat([first.rest, Buffer.from("I\n\n")]));
    expect(second.lines.map(String)).toEqual(["GHI"]);
    const runaway = splitLines(Buffer.alloc(5000, 0x41));
    expect(runaway).toMatchObject({ lines: [], garbageBytes: 5000 });
    expect(runaway.rest.length).toBe(0);
  });
});
