import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCALE_PROTOCOLS } from "../../../drivers/scale/protocols/index.js";
import { serialSettings } from "../../../drivers/serial-defaults.js";
import { SerialTransport } from "../../../drivers/transport/serial-transport.js";
import { waitFor } from "../../helpers/poll.js";
import { createPtyPair, type PtyPair } from "../../helpers/pty.js";
import { removeDir, startTestStation, type TestStation, tempDir } from "../../helpers/station.js";

/**
 * Issue 14: a Keli (柯力) D2008 indicator in continuous mode, frames typed from its manual,
 * sent one byte per write with noise between frames, over a socat pty pair into the real
 * serialport binding of a real station.
 */
const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ""), "hex");
const EMPTY = hex("02 2B 30 30 30 30 30 30 30 31 42 03");
const TWENTY_KG = hex("02 2B 30 30 32 30 30 30 32 31 42 03");
/** 20.00 kg with its XOR changed (`1C`): must be refused, never stored. */
const TWENTY_KG_BAD_XOR = hex("02 2B 30 30 32 30 30 30 32 31 43 03");
const NOISE = Buffer.from("\x7f\x55\xa0\x13\x0e", "latin1");

const dir = tempDir("drivers-keli");
let pty: PtyPair;
let indicator: SerialTransport;
let t: TestStation;

const weights = (): number[] =>
  (
    t.station.db
      .prepare("SELECT payload FROM messages WHERE device_id = 'scale-keli' AND kind = 'weight' ORDER BY id")
      .all() as Array<{ payload: string }>
  ).map((r) => (JSON.parse(r.payload) as { net: number }).net);
const status = () => t.station.drivers.status().find((s) => s.id === "scale-keli");

async function sendByteByByte(frame: Buffer, times: number): Promise<void> {
  for (let k = 0; k < times; k++) {
    for (const b of Buffer.concat([NOISE, frame])) await indicator.write(Buffer.from([b]));
    await new Promise((r) => setTimeout(r, 40));
  }
}

beforeAll(async () => {
  const ptyDir = join(dir, "keli");
  mkdirSync(ptyDir, { recursive: true });
  pty = await createPtyPair(ptyDir);
  t = await startTestStation({
    drivers: {
      scales: [
        {
          id: "scale-keli",
          protocol: "keli-continuous",
          serial: { path: pty.a },
          stability: { frames: 4, windowMs: 300 },
        },
      ],
    },
  });
  indicator = new SerialTransport(serialSettings({ path: pty.b }, SCALE_PROTOCOLS["keli-continuous"].serial));
  await indicator.open();
}, 30_000);

afterAll(async () => {
  await indicator?.close().catch(() => undefined);
  await t?.stop();
  await pty?.unplug();
  removeDir(dir);
});

describe("keli-continuous over a pty", () => {
  it("stores the manual's 20.00 kg once, refuses the frame with a wrong XOR and counts the noise", async () => {
    await waitFor(() => status()?.connected === true, 10_000);
    await sendByteByByte(EMPTY, 6);
    await sendByteByByte(TWENTY_KG_BAD_XOR, 2);
    await sendByteByByte(TWENTY_KG, 10);
    await waitFor(() => weights().length === 1, 10_000);
    await sendByteByByte(EMPTY, 6);
    await waitFor(() => (status()?.framesOk ?? 0) >= 22, 10_000);
    expect(weights()).toEqual([20]);
    expect(status()).toMatchObject({ checksumErrors: 2 });
    expect(status()?.garbageBytes).toBeGreaterThanOrEqual(NOISE.length * 20);
  });
});
