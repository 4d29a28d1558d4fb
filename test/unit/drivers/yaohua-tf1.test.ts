import { Value } from "@sinclair/typebox/value";
import { describe, expect, it } from "vitest";
import { type DriversConfig, DriversSection } from "../../../drivers/config-schema.js";
import { DriverHub } from "../../../drivers/driver-hub.js";
import { yaohuaTf1 } from "../../../drivers/scale/protocols/yaohua-tf1.js";
import { createMemoryPair, type MemoryTransport } from "../../../drivers/transport/memory-transport.js";
import { silentLogger } from "../../../edge/core/logger.js";
import { isStationError } from "../../../edge/core/station-error.js";
import { FakeClock } from "../../helpers/fake-clock.js";

/** Yaohua tf=1 command mode: several addressed indicators on one RS-485 line (issue 14). */
const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ""), "hex");

describe("yaohua-tf1 frames", () => {
  it("asks for the gross weight as the A23P manual's table writes it: 02 41 42 30 33 03 at address 1", () => {
    expect(yaohuaTf1(1).poll?.toString("hex")).toBe("024142303303");
    // Address 3 is C: XOR of C (0x43) and B (0x42) = 01.
    expect(yaohuaTf1(3).poll?.toString("hex")).toBe("024342303103");
  });

  it("decodes its own answer, skips another address's, one byte at a time with noise between", () => {
    // +001234, 3 decimals, from address A; XOR of 41 42 2B 30 30 31 32 33 34 33 = 0x1F.
    const mine = hex("02 41 42 2B 30 30 31 32 33 34 33 31 46 03");
    const theirs = yaohuaTf1(2).encode({ kg: 7.5, stable: true });
    const bad = Buffer.from(mine);
    bad[9] = 0x39;
    const noise = hex("FF 13 00 7F");
    const bytes = Buffer.concat([noise, mine, noise, theirs, noise, bad, mine]);
    const p = yaohuaTf1(1);
    let rest: Buffer = Buffer.alloc(0);
    const frames = [];
    let garbage = 0;
    let checksum = 0;
    for (const b of bytes) {
      const r = p.decode(Buffer.concat([rest, Buffer.from([b])]));
      frames.push(...r.frames);
      garbage += r.garbageBytes;
      checksum += r.checksumErrors;
      rest = r.rest;
    }
    const w = { kind: "weight", kg: 1.234, stable: undefined, resolutionKg: 0.001 };
    expect(frames).toEqual([w, w]);
    expect(checksum).toBe(1);
    expect(garbage).toBe(3 * noise.length);
  });
});

describe("several tf=1 indicators on one line", () => {
  function rig(scales: Array<Record<string, unknown>>) {
    const clock = new FakeClock();
    const stored: Array<{ id: string; kg: number }> = [];
    const opened: string[] = [];
    let device: MemoryTransport | undefined;
    const hub = new DriverHub({
      drivers: Value.Default(DriversSection, { scales }) as DriversConfig,
      demo: false,
      intake: {
        submit: async (id: string, kind: string, body: Record<string, unknown>) => {
          if (kind === "weight") stored.push({ id, kg: body.net as number });
          return { status: "stored", id: stored.length } as never;
        },
      },
      broker: { publishLive() {} },
      devices: { ensureInternal() {} },
      clock,
      log: silentLogger(),
      openTransport: (settings) => {
        opened.push(settings.path);
        const [host, dev] = createMemoryPair(settings.path);
        device = dev;
        return host;
      },
    });
    return { clock, hub, stored, opened, device: () => device! };
  }

  it("one port, each indicator polled at its address, each weight stored as its own scale", async () => {
    const scale = (id: string, address: number) => ({
      id,
      protocol: "yaohua-tf1",
      address,
      serial: { path: "/dev/rs485-line" },
      pollIntervalMs: 100,
      stability: { frames: 3, windowMs: 200 },
    });
    const r = rig([scale("line-a", 1), scale("line-b", 2), scale("line-c", 3)]);
    expect(r.opened).toEqual(["/dev/rs485-line"]);
    const loads = new Map([
      [1, 2.5],
      [2, 0],
      [3, 11.25],
    ]);
    const device = r.device();
    let pending: Buffer = Buffer.alloc(0);
    const requests: number[] = [];
    device.on("data", (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      for (let at = pending.indexOf(0x02); at >= 0 && pending.length - at >= 6; at = pending.indexOf(0x02)) {
        const address = (pending[at + 1] ?? 0) - 0x40;
        pending = pending.subarray(at + 6);
        requests.push(address);
        const kg = loads.get(address);
        // A silent address (none here) would simply not answer.
        if (kg !== undefined) void device.write(yaohuaTf1(address).encode({ kg, stable: true }));
      }
    });
    await device.open();
    await r.hub.start();
    await r.clock.advance(3000);
    expect(new Set(requests)).toEqual(new Set([1, 2, 3]));
    expect(r.stored).toEqual(
      expect.arrayContaining([
        { id: "line-a", kg: 2.5 },
        { id: "line-c", kg: 11.25 },
      ]),
    );
    expect(r.stored.filter((s) => s.id === "line-b")).toEqual([]);
    for (const h of r.hub.health()) expect(h).toMatchObject({ online: true, link: "up", problem: null });
    await r.hub.stop();
  });

  it("refuses two indicators at the same address on one line", () => {
    try {
      rig([
        { id: "x", protocol: "yaohua-tf1", address: 2, serial: { path: "/dev/l" } },
        { id: "y", protocol: "yaohua-tf1", address: 2, serial: { path: "/dev/l" } },
      ]);
      expect.unreachable();
    } catch (err) {
      expect(isStationError(err) && err.code).toBe("CONFIG_INVALID");
    }
  });
});

describe("keli-command (KeLi XK3118K9-R command mode)", () => {
  it("decodes the manual's 14-byte gross answer with the radix point in the data, one byte at a time", async () => {
    const { keliCommand } = await import("../../../drivers/scale/protocols/yaohua-tf1.js");
    const p = keliCommand(1);
    expect(p.poll?.toString("hex")).toBe("024142303303");
    // +001.234 from address A; XOR of 41 42 2B 30 30 31 2E 32 33 34 = 0x02 → "02".
    const answer = hex("02 41 42 2B 30 30 31 2E 32 33 34 30 32 03");
    const negative = p.encode({ kg: -12.5, stable: true, decimals: 2 });
    expect(negative.toString("latin1", 3, 11)).toBe("-0012.50");
    const bytes = Buffer.concat([hex("13 FF"), answer, hex("00"), negative]);
    let rest: Buffer = Buffer.alloc(0);
    const frames = [];
    for (const b of bytes) {
      const r = p.decode(Buffer.concat([rest, Buffer.from([b])]));
      frames.push(...r.frames);
      rest = r.rest;
    }
    expect(frames).toEqual([
      { kind: "weight", kg: 1.234, stable: undefined, resolutionKg: 0.001 },
      { kind: "weight", kg: -12.5, stable: undefined, resolutionKg: 0.01 },
    ]);
  });
});
