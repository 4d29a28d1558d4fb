import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashSecret } from "../../../broker/credentials.js";
import { LINE_9600_8N1, serialSettings } from "../../../drivers/serial-defaults.js";
import { RfidReaderSimulator } from "../../../drivers/simulators/rfid-reader-simulator.js";
import { SerialTransport } from "../../../drivers/transport/serial-transport.js";
import { systemClock } from "../../../edge/core/clock.js";
import { apiClient } from "../../helpers/kiosk-api.js";
import { TEST_ADMIN_TOKEN, TEST_PIN } from "../../helpers/kiosk-station.js";
import { waitFor } from "../../helpers/poll.js";
import { createPtyPair, type PtyPair } from "../../helpers/pty.js";
import { removeDir, startTestStation, type TestStation, tempDir } from "../../helpers/station.js";

/**
 * An RFID stick reader on a socat pty through the real serialport binding: every read becomes
 * one stored scan of the animal wearing the tag, a stick held at the ear (the same tag again
 * within the repeat window) counts once, and the read finds the animal for a sale.
 */
const dir = tempDir("rfid");
let pty: PtyPair;
let scannerPty: PtyPair;
let t: TestStation;
let api: ReturnType<typeof apiClient>;
const EWE = "156000000012345";
const RAM = "156000000067890";

const scans = () =>
  (
    t.station.db
      .prepare("SELECT payload FROM messages WHERE device_id = 'rfid-1' AND kind = 'scan' ORDER BY id")
      .all() as Array<{ payload: string }>
  ).map((r) => (JSON.parse(r.payload) as { code: string }).code);

beforeAll(async () => {
  mkdirSync(join(dir, "rfid"));
  pty = await createPtyPair(join(dir, "rfid"));
  mkdirSync(join(dir, "scanner"));
  scannerPty = await createPtyPair(join(dir, "scanner"));
  t = await startTestStation({
    kiosk: { pinHash: await hashSecret(TEST_PIN), adminTokenHash: await hashSecret(TEST_ADMIN_TOKEN) },
    drivers: {
      rfidReaders: [{ id: "rfid-1", serial: { path: pty.a }, repeatWindowMs: 1500 }],
      scanners: [{ id: "scanner-1", serial: { path: scannerPty.a } }],
    },
  });
  api = apiClient(`http://127.0.0.1:${t.station.ports.http}`);
  for (const [tag, rfid] of [
    ["3-630121-00000301", EWE],
    ["3-630121-00000302", RAM],
  ]) {
    const res = await api.kiosk("POST", "/api/animals", { tag, species: "sheep", rfid });
    expect(res.status).toBe(201);
  }
}, 30_000);

afterAll(async () => {
  await t?.stop();
  await pty?.unplug();
  await scannerPty?.unplug();
  removeDir(dir);
});

describe("RFID stick reader on a pty", () => {
  it("stores each read once, repeats inside the window not at all, and a read finds its animal", async () => {
    const device = new SerialTransport(serialSettings({ path: pty.b }, LINE_9600_8N1));
    await device.open();
    // The ewe held at the stick: Allflex LA lines, three reads 200 ms apart.
    const held = new RfidReaderSimulator(device, systemClock, {
      tags: [EWE],
      format: "allflex-la",
      repeats: 3,
      repeatMs: 200,
      nextTagMs: 200,
      loop: false,
    });
    held.start();
    await waitFor(() => held.done, 5000);
    // The ram, from a bare reader module's 30-byte hex frame, twice.
    const module = new RfidReaderSimulator(device, systemClock, {
      tags: [RAM],
      format: "hex-module",
      repeats: 2,
      repeatMs: 100,
      nextTagMs: 100,
      loop: false,
    });
    module.start();
    await waitFor(() => scans().length === 2, 10_000);
    // Garbage on the line is refused, not stored.
    await device.write(Buffer.from("LR 0006 0000000018514243\r\n", "latin1"));
    // After the window the ewe read again is a new scan (she came back through the race).
    await new Promise((r) => setTimeout(r, 1700));
    await device.write(Buffer.from(`${EWE.slice(0, 3)} ${EWE.slice(3)}\r\n`, "latin1"));
    await waitFor(() => scans().length === 3, 10_000);
    await device.close();

    expect(scans()).toEqual([EWE, RAM, EWE]);
    // An animal's code is no supplier lot: the incoming-lots list stays empty.
    t.station.projector.catchUp();
    expect(t.station.db.prepare("SELECT count(*) AS n FROM domain_incoming_lots").get()).toEqual({ n: 0 });
    const reader = t.station.drivers.rfidReaders[0]!;
    expect(reader.repeats).toBe(3);
    const status = t.station.drivers.status().find((s) => s.id === "rfid-1");
    expect(status).toMatchObject({ connected: true, framesOk: 6 });
    expect(status?.garbageBytes).toBeGreaterThan(0);

    const animal = await api.get(`/api/animals/${scans()[1]}`);
    expect(animal.body.animal).toMatchObject({ tag: "363012100000302", rfid: RAM });
    const sale = await api.kiosk("POST", "/api/livestock-sales", { kind: "slaughter" });
    const number = sale.body.sale.number as string;
    for (const code of scans()) {
      await api.kiosk("POST", `/api/livestock-sales/${number}/scan`, { code, deviceId: "rfid-1" });
    }
    const after = await api.get(`/api/livestock-sales/${number}`);
    expect(after.body.sale.heads).toBe(2);
    expect(after.body.sale.animals.map((a: { tag: string }) => a.tag)).toEqual([
      "363012100000301",
      "363012100000302",
    ]);
  });

  it("the tag's 2D code through a serial scanner finds the animal and is no incoming lot", async () => {
    const scanner = new SerialTransport(serialSettings({ path: scannerPty.b }, LINE_9600_8N1));
    await scanner.open();
    await scanner.write(Buffer.from("3-630121-00000302\r", "latin1"));
    const stored = () =>
      t.station.db
        .prepare("SELECT payload FROM messages WHERE device_id = 'scanner-1' AND kind = 'scan'")
        .all() as Array<{
        payload: string;
      }>;
    await waitFor(() => stored().length === 1, 10_000);
    await scanner.close();
    const code = (JSON.parse(stored()[0]!.payload) as { code: string }).code;
    expect((await api.get(`/api/animals/${code}`)).body.animal.tag).toBe("363012100000302");
    t.station.projector.catchUp();
    expect(t.station.db.prepare("SELECT count(*) AS n FROM domain_incoming_lots").get()).toEqual({ n: 0 });
  });
});
