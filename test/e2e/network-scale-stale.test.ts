import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeviceServer } from "../helpers/device-server.js";
import { LineRig } from "../helpers/line-rig.js";
import { waitFor } from "../helpers/poll.js";

/**
 * A network indicator (A&D protocol behind a serial-over-TCP device server, `tcp://host:port`)
 * goes stale like a serial one: no frame for `staleAfterMs` while the connection stays open
 * (indicator switched off behind a powered device server), or the connection gone, and the
 * weight shows no data and printing is refused. Frames again: it weighs and prints again.
 */
const rig = new LineRig();
const TIMEOUT = 60_000;

beforeAll(async () => {
  await rig.start([{ id: "net", protocol: "generic-ad", tcp: true, extra: { staleAfterMs: 1500 } }]);
}, 60_000);

afterAll(async () => {
  await rig.stop();
});

/** Send frames until the line has seen a stable `kg` (the station connects on its own schedule). */
async function weighsStable(kg: number): Promise<void> {
  await waitFor(
    async () => {
      await rig.indicator("net").hold(kg, 300);
      const view = await rig.view("net");
      return view.weight.state === "ok" && view.weight.netKg === kg && view.print.ok;
    },
    { timeoutMs: 20_000, stepMs: 0, what: `stable ${kg} kg from the TCP scale` },
  );
}

describe("a network (TCP) scale that goes silent", () => {
  it(
    "goes stale within the configured seconds with the connection open, and refuses to print",
    async () => {
      const lot = await rig.batchOn("net", { mode: "each", auto: false });
      await weighsStable(1.234);
      const silentAt = Date.now();
      await waitFor(async () => (await rig.view("net")).weight.state === "stale", {
        timeoutMs: 5_000,
        what: "stale",
      });
      const after = Date.now() - silentAt;
      expect(after).toBeLessThan(1500 + 1000);
      const view = await rig.view("net");
      expect(view.weight).toMatchObject({ state: "stale", netKg: null, stable: false });
      expect(view.print).toMatchObject({ ok: false, code: "LINE_SCALE_STALE" });
      const tap = await rig.intent("net", { intent: "print" });
      expect(tap.status).toBe(422);
      expect(tap.body.error.code).toBe("LINE_SCALE_STALE");
      expect((await rig.batch(lot)).packages).toEqual([]);
      expect(rig.labels(lot)).toEqual([]);
      // The indicator is back: a new placement weighs and prints.
      await rig.indicator("net").hold(0, 300);
      await weighsStable(2.5);
      expect((await rig.intent("net", { intent: "print" })).status).toBe(200);
      await rig.settled(lot, 1);
      expect((await rig.batch(lot)).packages).toMatchObject([{ netKg: 2.5 }]);
    },
    TIMEOUT,
  );

  it(
    "goes stale when the device server drops the connection, and refuses to print",
    async () => {
      const lot = await rig.batchOn("net", { mode: "each", auto: false });
      await rig.indicator("net").hold(0, 300);
      await weighsStable(3.3);
      const server = rig.indicator("net").link;
      if (!(server instanceof DeviceServer)) throw new Error("not a TCP indicator");
      await server.unplug();
      await waitFor(async () => (await rig.view("net")).weight.state === "stale", {
        timeoutMs: 5_000,
        what: "stale after the drop",
      });
      const tap = await rig.intent("net", { intent: "print" });
      expect(tap.body.error.code).toBe("LINE_SCALE_STALE");
      expect((await rig.batch(lot)).packages).toEqual([]);
      await server.plugIn();
    },
    TIMEOUT,
  );
});
