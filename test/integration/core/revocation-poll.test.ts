import type { Database } from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DeviceRegistry } from "../../../broker/device-registry.js";
import { RevocationWatch, type Session } from "../../../broker/revocation-watch.js";
import { openDatabase } from "../../../edge/store/database.js";
import { FakeClock } from "../../helpers/fake-clock.js";
import { removeDir, tempDir } from "../../helpers/station.js";

/**
 * Issue 16: the revocation poll reads one number (the credential epoch the triggers keep) and
 * compares stamps only after it moved. What must still hold: a reset or removal made through
 * another connection (the CLI's process) ends the session at the next poll, and a session
 * whose stamp was read before a change the poll had already counted is checked too.
 */
let dir: string;
let station: Database;
let cli: Database;
let devices: DeviceRegistry;
let closed: string[];
let watch: RevocationWatch;

const stampOf = (id: string): string =>
  station.prepare("SELECT secret_hash FROM devices WHERE id = ?").pluck().get(id) as string;

function session(deviceId: string, stamp = stampOf(deviceId)): Session {
  const s: Session = { deviceId, stamp, close: () => closed.push(deviceId) };
  watch.add(s);
  return s;
}

beforeEach(async () => {
  dir = tempDir("revocation-poll");
  station = openDatabase(dir);
  cli = openDatabase(dir);
  devices = new DeviceRegistry(station);
  for (const id of ["s1", "s2", "s3"]) await devices.add(id, "sensor", null);
  closed = [];
  watch = new RevocationWatch(devices, 250, new FakeClock(), () => {});
});

afterEach(() => {
  cli.close();
  station.close();
  removeDir(dir);
});

describe("revocation poll", () => {
  it("moves the epoch only for a secret change or a removal", () => {
    const before = devices.credentialEpoch();
    cli.prepare("UPDATE devices SET online = 1, last_seen_at = 5 WHERE id = 's1'").run();
    cli.prepare("UPDATE devices SET secret_hash = secret_hash WHERE id = 's1'").run();
    expect(devices.credentialEpoch()).toBe(before);
    cli.prepare("UPDATE devices SET secret_hash = 'other' WHERE id = 's1'").run();
    expect(devices.credentialEpoch()).toBe(before + 1);
    cli.prepare("DELETE FROM devices WHERE id = 's2'").run();
    expect(devices.credentialEpoch()).toBe(before + 2);
  });

  it("ends a session reset or removed through another connection at the next poll, and only it", () => {
    session("s1");
    session("s2");
    session("s3");
    watch.poll();
    expect(closed).toEqual([]);
    cli.prepare("UPDATE devices SET secret_hash = 'reset' WHERE id = 's1'").run();
    watch.poll();
    expect(closed).toEqual(["s1"]);
    cli.prepare("DELETE FROM devices WHERE id = 's3'").run();
    watch.poll();
    expect(closed).toEqual(["s1", "s3"]);
    watch.poll();
    expect(closed).toEqual(["s1", "s3"]);
  });

  it("checks a session added after the poll counted a change its stamp predates", () => {
    session("s2");
    const stale = stampOf("s1"); // read at login
    cli.prepare("UPDATE devices SET secret_hash = 'reset' WHERE id = 's1'").run();
    watch.poll(); // counts the change; s1's session is not in the watch yet
    expect(closed).toEqual([]);
    session("s1", stale); // login completes with the stamp it read
    watch.poll();
    expect(closed).toEqual(["s1"]);
  });
});
