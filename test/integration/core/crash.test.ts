import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import type { MqttClient } from "mqtt";
import { describe, expect, it } from "vitest";
import { spawnStation } from "../../helpers/child-station.js";
import { runCliSync } from "../../helpers/cli.js";
import { connectDevice } from "../../helpers/mqtt-client.js";
import { removeDir, tempDir } from "../../helpers/station.js";

/**
 * The delivery promise under a power-cut-like crash: a station child process is killed with
 * SIGKILL while several clients publish at QoS 1. Every message whose PUBACK a client
 * received must be in the store after restart, each exactly once.
 */
const LONG = process.env.TRACE_LONG === "1";
const ROUNDS = LONG ? 10 : 1;
const CLIENTS = 4;

async function publishUntilClosed(client: MqttClient, device: string, acked: Set<string>): Promise<void> {
  let n = 0;
  let failed = false;
  const inFlight = new Set<Promise<void>>();
  // Stop at the first failed publish: once the station is gone mqtt.js rejects in microtasks,
  // before its "close" event (a macrotask) can clear `connected`.
  while (client.connected && !failed) {
    const msgId = `${device}-${n++}`;
    const p: Promise<void> = client
      .publishAsync(`trace/v1/dev/${device}/reading`, JSON.stringify({ msgId, values: { air_temp: 21.5 } }), {
        qos: 1,
      })
      .then(
        () => {
          acked.add(msgId);
        },
        () => {
          failed = true;
        },
      )
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
    if (inFlight.size >= 64) await Promise.race(inFlight);
    // Let sockets and timers run between bursts whatever the promises do.
    if (n % 64 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.allSettled(inFlight);
}

async function crashRound(round: number): Promise<{ acked: number; stored: number }> {
  const dir = tempDir(`crash${round}`);
  const passwords: string[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const out = runCliSync(["device", "add", `load-${i}`, "--kind", "sensor", "--json", "--data", dir]);
    passwords.push((JSON.parse(out.stdout) as { password: string }).password);
  }
  const station = await spawnStation(["--data", dir]);
  const url = `mqtt://127.0.0.1:${station.ports.mqtt}`;
  const acked = new Set<string>();
  const clients = await Promise.all(passwords.map((pw, i) => connectDevice(url, `load-${i}`, pw)));
  const loads = clients.map((c, i) => publishUntilClosed(c, `load-${i}`, acked));
  // Kill once a good amount has been acknowledged, mid-stream.
  while (acked.size < 2000 + round * 500) await new Promise((r) => setTimeout(r, 10));
  station.process.kill("SIGKILL");
  await station.exited;
  for (const c of clients) c.end(true);
  await Promise.all(loads);

  // Restart: migrations and the writer must cope with whatever the kill left behind.
  const again = await spawnStation(["--data", dir]);
  again.process.kill("SIGTERM");
  await again.exited;

  const db = new BetterSqlite3(join(dir, "station.db"), { readonly: true });
  const rows = db.prepare("SELECT msg_id FROM messages WHERE kind = 'reading'").pluck().all() as string[];
  const integrity = db.pragma("integrity_check", { simple: true });
  db.close();
  removeDir(dir);

  expect(integrity).toBe("ok");
  const stored = new Set(rows);
  expect(stored.size).toBe(rows.length); // no duplicates
  const lost = [...acked].filter((id) => !stored.has(id));
  expect(lost).toEqual([]);
  return { acked: acked.size, stored: rows.length };
}

describe(`SIGKILL under QoS 1 load (${ROUNDS} round${ROUNDS > 1 ? "s" : ""}; TRACE_LONG=1 for 10)`, () => {
  it(
    "keeps every acknowledged message, once",
    async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const { acked, stored } = await crashRound(round);
        expect(stored).toBeGreaterThanOrEqual(acked);
      }
    },
    ROUNDS * 90_000,
  );
});
