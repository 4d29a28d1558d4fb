import { Value } from "@sinclair/typebox/value";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { type DriversConfig, DriversSection } from "../../../drivers/config-schema.js";
import { DriverHub } from "../../../drivers/driver-hub.js";
import { forwardDriverEvents } from "../../../drivers/live-forward.js";
import { decodeScan } from "../../../drivers/scanner/scan-decoder.js";
import { createMemoryPair, type MemoryTransport } from "../../../drivers/transport/memory-transport.js";
import { silentLogger } from "../../../edge/core/logger.js";
import { FakeClock } from "../../helpers/fake-clock.js";

/**
 * Issue 14 scanners: GBK scanners decoded, bytes that are not valid in the configured encoding
 * refused with a code (never stored as U+FFFD), codes without a terminator split by an idle
 * pause, and every stored scan pushed live to the kiosk.
 */
function rig(scanner: Record<string, unknown>) {
  const clock = new FakeClock();
  const stored: string[] = [];
  const live: Array<{ kind: string; data: unknown }> = [];
  let device: MemoryTransport | undefined;
  const hub = new DriverHub({
    drivers: Value.Default(DriversSection, {
      scanners: [{ id: "scan-1", serial: { path: "/dev/scan" }, ...scanner }],
    }) as DriversConfig,
    demo: false,
    intake: {
      submit: async (_id: string, _kind: string, body: Record<string, unknown>) => {
        stored.push(body.code as string);
        return { status: "stored", id: stored.length } as never;
      },
    },
    broker: { publishLive() {} },
    devices: { ensureInternal() {} },
    clock,
    log: silentLogger(),
    openTransport: (settings) => {
      const [host, dev] = createMemoryPair(settings.path);
      device = dev;
      return host;
    },
  });
  forwardDriverEvents(hub, { publish: (kind, data) => live.push({ kind, data }) });
  return {
    clock,
    hub,
    stored,
    live,
    async start() {
      await device!.open();
      await hub.start();
      await clock.advance(10);
    },
    send: (bytes: Buffer) => device!.write(bytes),
  };
}

describe("scan decoding", () => {
  it("decodes GBK and refuses bytes that are not GBK instead of storing U+FFFD", () => {
    expect(decodeScan(iconv.encode("产地:福建省 批次A01", "gbk"), "gbk")).toBe("产地:福建省 批次A01");
    expect(decodeScan(Buffer.from([0xff, 0x30, 0x41]), "gbk")).toBeUndefined();
    expect(decodeScan(Buffer.from("6901234567892"), "ascii")).toBe("6901234567892");
    expect(decodeScan(Buffer.from([0xb2, 0xfa]), "ascii")).toBeUndefined();
    // GBK bytes read as UTF-8 are refused, not turned into replacement characters.
    expect(decodeScan(iconv.encode("番茄", "gbk"), "utf8")).toBeUndefined();
    expect(decodeScan(Buffer.from("番茄", "utf8"), "utf8")).toBe("番茄");
  });
});

describe("scanner driver", () => {
  it("a GBK scanner: codes stored as text, an invalid one refused with a code, scans pushed live", async () => {
    const r = rig({ encoding: "gbk" });
    await r.start();
    await r.send(Buffer.concat([iconv.encode("合格证 NO.2026-001", "gbk"), Buffer.from("\r")]));
    await r.clock.advance(10);
    await r.send(Buffer.from([0x41, 0xff, 0xfe, 0x0d]));
    await r.clock.advance(10);
    expect(r.stored).toEqual(["合格证 NO.2026-001"]);
    expect(r.stored.join("")).not.toContain("\uFFFD");
    const status = r.hub.status()[0]!;
    expect(status.code).toBe("DRIVER_SCAN_ENCODING");
    expect(status.lastError).toContain("41fffe");
    const scans = r.live.filter((e) => e.kind === "scan").map((e) => (e.data as { code: string }).code);
    expect(scans).toEqual(["合格证 NO.2026-001"]);
    // The health watcher tells the kiosk about the refusal.
    await r.clock.advance(1000);
    const devices = r.live
      .filter((e) => e.kind === "device")
      .map((e) => e.data as { problem: { code: string } | null });
    expect(devices.at(-1)?.problem?.code).toBe("DRIVER_SCAN_ENCODING");
    // The next good code clears it.
    await r.send(Buffer.from("6901234567892\r\n"));
    await r.clock.advance(10);
    expect(r.hub.status()[0]!.code).toBeUndefined();
    await r.hub.stop();
  });

  it("a scanner with no terminator: an idle pause ends each code, so codes are not glued together", async () => {
    const r = rig({ idleTerminatorMs: 100 });
    await r.start();
    for (const ch of "LOT-A-0001") {
      await r.send(Buffer.from(ch));
      await r.clock.advance(5);
    }
    await r.clock.advance(150);
    await r.send(Buffer.from("LOT-B-0002"));
    await r.clock.advance(150);
    expect(r.stored).toEqual(["LOT-A-0001", "LOT-B-0002"]);
    await r.hub.stop();
  });

  it("without the idle setting a code waits for its terminator", async () => {
    const r = rig({});
    await r.start();
    await r.send(Buffer.from("LOT-A-0001"));
    await r.clock.advance(2000);
    expect(r.stored).toEqual([]);
    await r.send(Buffer.from("\r"));
    await r.clock.advance(10);
    expect(r.stored).toEqual(["LOT-A-0001"]);
    await r.hub.stop();
  });
});
