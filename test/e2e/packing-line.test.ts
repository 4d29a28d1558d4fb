import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LineRig, sleep } from "../helpers/line-rig.js";

/**
 * Scripted packing-line scenarios (issue 11), each end to end: a real station, indicators of
 * the A&D, Yaohua tf0, Yaohua A12E and Toledo protocols on socat ptys read by the real
 * serialport binding, a TCP printer capturing the bytes, the label QR decoded back from the
 * printed raster. Each asserts the packages stored, the labels printed and the batch total.
 */
const rig = new LineRig();
const TIMEOUT = 60_000;

beforeAll(async () => {
  await rig.start([
    { id: "ad", protocol: "generic-ad" },
    { id: "tf0", protocol: "yaohua-tf0" },
    { id: "a12", protocol: "yaohua-a12" },
    { id: "toledo", protocol: "toledo", extra: { output: "demand" } },
    { id: "quiet", protocol: "generic-ad", extra: { staleAfterMs: 1500 } },
  ]);
}, 60_000);

afterAll(async () => {
  await rig.stop();
});

const kgs = (packages: Array<Record<string, unknown>>) => packages.map((p) => p.netKg);
const labelled = (lot: string) => rig.labels(lot).map((l) => l.qr);

/** Put a carton on the way a worker does: it swings in, settles, then is lifted off. */
async function carton(id: string, kg: number, holdMs = 1200): Promise<void> {
  const i = rig.indicator(id);
  for (const part of [0.4, 0.7, 0.92]) await i.hold(kg * part, 100, false);
  await i.hold(kg, holdMs, true);
  await i.hold(kg * 0.3, 100, false);
  await i.hold(0, 600, true);
}

describe("packing line scenarios", () => {
  it(
    "four cartons in each-placement mode (A&D) give four packages, four labels and their sum",
    async () => {
      const lot = await rig.batchOn("ad", { mode: "each", auto: true });
      await rig.indicator("ad").hold(0, 500);
      for (const kg of [5.002, 5.004, 4.998, 5.006]) await carton("ad", kg);
      await rig.printer.waitFor(() => rig.labels(lot).length >= 4, 20_000, "four labels");
      await rig.settled(lot, 4);
      const { packages, totals } = await rig.batch(lot);
      expect(kgs(packages)).toEqual([5.002, 5.004, 4.998, 5.006]);
      expect(totals).toEqual({ count: 4, netKg: 20.01 });
      expect(labelled(lot)).toEqual([1, 2, 3, 4].map((n) => `http://station.test/t/${lot}-00${n}`));
      expect(rig.labels(lot)[0]?.text).toContain("5.002");
      expect((await rig.batch(lot)).packages.every((p) => p.state === "accepted")).toBe(true);
    },
    TIMEOUT,
  );

  it(
    "a crate filled to 5 kg with three pauses (tf0, fill to target) gives one package",
    async () => {
      const lot = await rig.batchOn("tf0", { mode: "fill", targetKg: 5, toleranceKg: 0.05, auto: true });
      const i = rig.indicator("tf0");
      await i.hold(0, 500);
      for (const kg of [1.5, 3.1, 4.2]) {
        await i.hold(kg - 0.3, 150, false);
        await i.hold(kg, 1200);
      }
      await i.hold(5.01, 1500);
      await i.hold(0, 600);
      await rig.printer.waitFor(() => rig.labels(lot).length >= 1, 20_000, "the crate's label");
      await rig.settled(lot, 1);
      const { packages, totals } = await rig.batch(lot);
      expect(kgs(packages)).toEqual([5.01]);
      expect(totals).toEqual({ count: 1, netKg: 5.01 });
      expect(labelled(lot)).toEqual([`http://station.test/t/${lot}-001`]);
    },
    TIMEOUT,
  );

  it(
    "35 g of leaves left on the pan give no package, and a tap says why",
    async () => {
      const lot = await rig.batchOn("tf0", { mode: "each", auto: true });
      const i = rig.indicator("tf0");
      await i.hold(0, 300);
      await i.hold(0.035, 1500);
      const tap = await rig.intent("tf0", { intent: "print" });
      expect(tap.status).toBe(422);
      expect(tap.body.error.code).toBe("LINE_BELOW_MINIMUM");
      await i.hold(0, 300);
      expect((await rig.batch(lot)).packages).toEqual([]);
      expect(labelled(lot)).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    "two equal boxes swapped without the pan reaching zero give two packages",
    async () => {
      const lot = await rig.batchOn("ad", { mode: "each", auto: true });
      const i = rig.indicator("ad");
      await i.hold(0, 300);
      await i.hold(4.0, 1200);
      // One box lifted while the next is set down: the pan dips but never reads zero.
      await i.hold(1.9, 200, false);
      await i.hold(4.0, 1200);
      await i.hold(0, 500);
      await rig.printer.waitFor(() => rig.labels(lot).length >= 2, 20_000, "two labels");
      await rig.settled(lot, 2);
      const { packages, totals } = await rig.batch(lot);
      expect(kgs(packages)).toEqual([4, 4]);
      expect(totals).toEqual({ count: 2, netKg: 8 });
    },
    TIMEOUT,
  );

  it(
    "a tared container gives no package; what is packed into it is its net weight",
    async () => {
      const lot = await rig.batchOn("ad", { mode: "tare", auto: true });
      const i = rig.indicator("ad");
      await i.hold(0, 300);
      await i.hold(0.5, 1200);
      expect((await rig.view("ad")).tareKg).toBe(0.5);
      expect((await rig.batch(lot)).packages).toEqual([]);
      await i.hold(2.0, 150, false);
      await i.hold(3.5, 1200);
      await i.hold(0, 500);
      await rig.printer.waitFor(() => rig.labels(lot).length >= 1, 20_000, "the label");
      await rig.settled(lot, 1);
      const { packages, totals } = await rig.batch(lot);
      expect(packages).toMatchObject([{ netKg: 3, tareKg: 0.5 }]);
      expect(totals).toEqual({ count: 1, netKg: 3 });
    },
    TIMEOUT,
  );

  it(
    "an indicator with a 5 g division flickering by one division (tf0) gives one package",
    async () => {
      const lot = await rig.batchOn("tf0", { mode: "each", auto: true });
      const i = rig.indicator("tf0");
      await i.hold(0, 300);
      await i.flicker([1.235, 1.24], 2000);
      await i.hold(0, 500);
      await rig.printer.waitFor(() => rig.labels(lot).length >= 1, 20_000, "the label");
      const { packages } = await rig.batch(lot);
      expect(packages).toHaveLength(1);
      expect([1.235, 1.24]).toContain(packages[0]?.netKg);
    },
    TIMEOUT,
  );

  it(
    "demand mode (Toledo print key): one package per press with that press's weight",
    async () => {
      const lot = await rig.batchOn("toledo", { mode: "each" });
      const i = rig.indicator("toledo");
      const presses = [2.5, 3.75, 1.1];
      for (const [n, kg] of presses.entries()) {
        await i.hold(kg, 1);
        await rig.printer.waitFor(() => rig.labels(lot).length >= n + 1, 20_000, `press ${n + 1}`);
        // The label of this press is out before any next frame was sent.
        expect(rig.labels(lot)[n]?.text).toContain(kg.toFixed(3));
        await sleep(300);
      }
      // Counted once each label's job is done (the printer confirmed it).
      await rig.settled(lot, 3);
      const { packages, totals } = await rig.batch(lot);
      expect(kgs(packages)).toEqual(presses);
      expect(totals).toEqual({ count: 3, netKg: 7.35 });
    },
    TIMEOUT,
  );

  it(
    "a silent indicator goes stale within the configured seconds and refuses to print",
    async () => {
      const lot = await rig.batchOn("quiet", { mode: "each", auto: false });
      const i = rig.indicator("quiet");
      await i.hold(1.234, 1200);
      expect((await rig.view("quiet")).print.ok).toBe(true);
      await sleep(2000);
      const view = await rig.view("quiet");
      expect(view.weight).toMatchObject({ state: "stale", netKg: null });
      expect(view.print).toMatchObject({ ok: false, code: "LINE_SCALE_STALE" });
      const tap = await rig.intent("quiet", { intent: "print" });
      expect(tap.body.error.code).toBe("LINE_SCALE_STALE");
      expect((await rig.batch(lot)).packages).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    "overload frames (A12E OL without W, A&D OL,+9999999E+19) show overload and print nothing",
    async () => {
      const lotA12 = await rig.batchOn("a12", { mode: "each", auto: true });
      const lotAd = await rig.batchOn("ad", { mode: "each", auto: true });
      await rig.indicator("a12").hold(3.0, 200, false);
      for (let n = 0; n < 20; n++) {
        await rig.indicator("a12").write(Buffer.from("         OL23\r\n", "latin1"));
        await rig.indicator("ad").write(Buffer.from("OL,+9999999E+19\r\n", "latin1"));
        await sleep(50);
      }
      for (const [line, lot] of [
        ["a12", lotA12],
        ["ad", lotAd],
      ] as const) {
        const view = await rig.view(line);
        expect(view.weight, line).toMatchObject({ state: "overload", netKg: null });
        expect(view.print, line).toMatchObject({ ok: false, code: "LINE_OVERLOAD" });
        expect((await rig.batch(lot)).packages, line).toEqual([]);
        expect(labelled(lot), line).toEqual([]);
      }
    },
    TIMEOUT,
  );
  it(
    "a wrong package voided with a reason is recorded with who, goes upward and leaves the total; a typed weight says 手输",
    async () => {
      const lot = await rig.batchOn("ad", { mode: "each", auto: true });
      await rig.indicator("ad").hold(0, 300);
      await carton("ad", 3.2);
      await carton("ad", 2.8);
      await rig.settled(lot, 2);
      const serial = `${lot}-002`;
      const noReason = await rig.intent("ad", { intent: "void", serial, reason: " " });
      expect(noReason.status).toBe(422);
      const voided = await rig.intent("ad", { intent: "void", serial, reason: "重量不对", by: "王师傅" });
      expect(voided.status).toBe(200);
      const { packages, totals } = await rig.batch(lot);
      expect(packages[1]).toMatchObject({
        serial,
        state: "voided",
        voidReason: "重量不对",
        voidedBy: "王师傅",
      });
      expect(totals).toEqual({ count: 1, netKg: 3.2 });
      const upward = rig.station.station.db
        .prepare("SELECT kind, payload FROM outbox WHERE record_id = ?")
        .get(`package-void:${serial}`) as { kind: string; payload: string };
      expect(upward.kind).toBe("package.voided");
      expect(JSON.parse(upward.payload)).toMatchObject({ serial, state: "voided", voidReason: "重量不对" });
      // Voiding twice is refused; a reprint of a voided package too.
      expect((await rig.intent("ad", { intent: "void", serial, reason: "again" })).body.error.code).toBe(
        "DOMAIN_PACKAGE_VOIDED",
      );
      expect((await rig.intent("ad", { intent: "reprint", serial })).body.error.code).toBe(
        "DOMAIN_PACKAGE_VOIDED",
      );
      // The keypad weight: its own package, marked 手输 on the record and the label.
      await rig.intent("ad", { intent: "manual", netKg: 2.75 });
      await rig.printer.waitFor(() => rig.labels(lot).length >= 3, 20_000, "the typed weight's label");
      await rig.settled(lot, 2);
      expect((await rig.batch(lot)).packages[2]).toMatchObject({ netKg: 2.75, source: "manual" });
      expect(rig.labels(lot)[2]?.text).toContain("2.750 kg 手输");
    },
    TIMEOUT,
  );
});
