import BetterSqlite3 from "better-sqlite3";
import type { MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databasePath } from "../../../edge/store/database.js";
import { apiClient, DAY_MS, seedTomatoFarm } from "../../helpers/kiosk-api.js";
import { type KioskTestStation, startKioskStation } from "../../helpers/kiosk-station.js";
import { connectDevice } from "../../helpers/mqtt-client.js";
import { waitFor } from "../../helpers/poll.js";
import { PrinterEndpoint } from "../../helpers/printer-endpoint.js";
import { removeDir } from "../../helpers/station.js";

/**
 * The server-side packing line packs in the name of the operator signed in at the kiosk that
 * runs it, auto mode included; once they signed out, in the station's own.
 */
let t: KioskTestStation;
let printer: PrinterEndpoint;
let scale: MqttClient;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  printer = new PrinterEndpoint();
  const port = await printer.listen();
  t = await startKioskStation({
    printers: [{ name: "packing", kind: "escpos", transport: { type: "tcp", host: "127.0.0.1", port } }],
  });
  api = apiClient(t.baseUrl);
  await seedTomatoFarm(api);
  scale = await connectDevice(t.mqttUrl, "scale-1", await t.addDevice("scale-1", "scale"));
  await api.admin("POST", "/api/operators", { name: "王芳", role: "worker", pin: "1111" });
}, 120_000);

afterAll(async () => {
  await scale?.endAsync();
  await t?.stop();
  await printer?.close();
  if (t) removeDir(t.dataDir);
});

const weigh = (net: number) =>
  scale.publishAsync("trace/v1/dev/scale-1/weight", JSON.stringify({ net, unit: "kg", stable: true }), {
    qos: 1,
  });

function packers(): Array<[string, string]> {
  const db = new BetterSqlite3(databasePath(t.dataDir), { readonly: true });
  try {
    return (
      db
        .prepare(
          "SELECT record_id, actor_name FROM audit_log WHERE kind = 'packages' AND op = 'insert' ORDER BY seq",
        )
        .all() as Array<{ record_id: string; actor_name: string }>
    ).map((r) => [r.record_id, r.actor_name]);
  } finally {
    db.close();
  }
}

describe("the packing line's actor", () => {
  it("auto-packs in the signed-in worker's name, and in the station's after they sign out", async () => {
    const signIn = await api.raw(
      "POST",
      "/api/operators/sign-in",
      { operator: "001", pin: "1111" },
      { "content-type": "application/json" },
    );
    const headers = { "x-operator-session": signIn.body.token as string, "content-type": "application/json" };
    const opened = await api.raw(
      "POST",
      "/api/batches",
      { productId: "tomato", siteIds: ["gh1"], windowStart: Date.now() - DAY_MS },
      headers,
    );
    const lot = opened.body.batch.lot as string;
    const bound = await api.raw("PUT", "/api/scales/scale-1/batch", { lot, autoPrint: true }, headers);
    expect(bound.status).toBe(200);

    await weigh(1.5);
    await waitFor(() => packers().length === 1, 30_000);
    expect(packers()).toEqual([[`${lot}-001`, "王芳"]]);

    await api.raw("POST", "/api/operators/sign-out", undefined, {
      "x-operator-session": headers["x-operator-session"],
    });
    await weigh(0);
    await weigh(2);
    await waitFor(() => packers().length === 2, 30_000);
    expect(packers()[1]).toEqual([`${lot}-002`, "station"]);
    const packages = (await api.admin("GET", `/api/batches/${lot}/packages`)).body.packages;
    expect(packages.map((p: { packedBy: string }) => p.packedBy)).toEqual(["王芳", "station"]);
  });
});
