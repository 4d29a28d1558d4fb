import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../../edge/store/database.js";
import { DeliveryState } from "../../../edge/uplink/delivery-state.js";
import { SinkPipeline } from "../../../edge/uplink/pipeline.js";
import { stationFormat } from "../../../edge/uplink/record-formats.js";
import { cliOk, runCli } from "../../helpers/cli.js";
import { insertDomainRecords, insertReadings } from "../../helpers/uplink-fixtures.js";

describe("trace-station uplink status / retry", () => {
  let dir = "";
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("shows backlog, oldest age, last success and error and refused records per sink; retry queues them", async () => {
    dir = mkdtempSync(join(tmpdir(), "uplink-cli-"));
    const dataDir = join(dir, "data");
    const config = join(dir, "station.json");
    writeFileSync(
      config,
      JSON.stringify({
        dataDir,
        uplink: {
          sinks: [
            { type: "https", name: "platform", url: "https://127.0.0.1:9/records" },
            { type: "mqtt", name: "cluster", url: "mqtt://127.0.0.1:9" },
          ],
        },
      }),
    );
    const db = openDatabase(dataDir);
    insertReadings(db, "air-1", 4, { ts: () => Date.now() - 60_000 });
    insertDomainRecords(db, "tests", "test", 3);
    // The platform sink delivered some and had one record refused, as a running station would persist it.
    const state = new DeliveryState(db, "platform", "ST01", stationFormat("ST01"));
    const pipeline = new SinkPipeline(state, () => Date.now());
    const taken = pipeline.take(100);
    const refused = taken.find((r) => r.recordId === "test:1");
    for (const r of taken) {
      if (r === refused) pipeline.refused(r, "HTTP 422 单位缺失 / unit missing");
      else if (r.feed === "outbox") pipeline.delivered(r);
    }
    state.noteSuccess(Date.now());
    state.noteError(Date.now(), "[UPLINK_HTTP_REJECTED] test:1: HTTP 422");
    state.flush(Date.now());
    db.close();

    const status = JSON.parse((await cliOk(["uplink", "status", "--config", config, "--json"])).stdout);
    const platform = status.sinks.find((s: { name: string }) => s.name === "platform");
    const cluster = status.sinks.find((s: { name: string }) => s.name === "cluster");
    expect(platform).toMatchObject({ type: "https", backlog: 4, failed: 1, connected: null });
    expect(platform.oldestAgeMs).toBeGreaterThanOrEqual(60_000);
    expect(platform.lastError).toContain("UPLINK_HTTP_REJECTED");
    expect(platform.lastSuccessAt).toBeTypeOf("number");
    expect(cluster).toMatchObject({ type: "mqtt", backlog: 7, failed: 0, lastSuccessAt: null });
    expect(status.failures).toEqual([
      expect.objectContaining({
        sink: "platform",
        recordId: "test:1",
        state: "failed",
        reason: expect.stringContaining("422"),
      }),
    ]);

    const human = (await cliOk(["uplink", "status", "--config", config])).stdout;
    expect(human).toContain("积压 / backlog: 4");
    expect(human).toContain("test:1");

    const retried = JSON.parse(
      (await cliOk(["uplink", "retry", "--config", config, "--sink", "platform", "--json"])).stdout,
    );
    expect(retried).toEqual({ queued: 1 });
    const after = JSON.parse((await cliOk(["uplink", "status", "--config", config, "--json"])).stdout);
    expect(after.sinks.find((s: { name: string }) => s.name === "platform")).toMatchObject({
      backlog: 5,
      failed: 0,
    });

    const unknown = await runCli(["uplink", "retry", "--config", config, "--sink", "nope"]);
    expect(unknown).toMatchObject({ status: 1 });
    expect(unknown.stderr).toContain("UPLINK_SINK_UNKNOWN");
  });
});
