import { afterEach, describe, expect, it } from "vitest";
import { connectDevice } from "../../helpers/mqtt-client.js";
import { waitFor } from "../../helpers/poll.js";
import { removeDir, startTestStation } from "../../helpers/station.js";

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The value of one sample line in Prometheus text format, or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("/metrics and /healthz", () => {
  it("exposes intake counts by kind and code, commit latency, clients, database size, outbox backlog, process figures", async () => {
    const ts = await startTestStation({
      // An upstream that is not there: records wait, and the backlog shows it.
      uplink: { sinks: [{ type: "mqtt", name: "up", url: "mqtt://127.0.0.1:1" }] },
      printers: [{ name: "p1", kind: "preview" }],
    });
    cleanups.push(() => removeDir(ts.dataDir));
    cleanups.push(() => ts.stop());
    const { station } = ts;
    const password = await ts.addDevice("s1");
    const client = await connectDevice(ts.mqttUrl, "s1", password);
    cleanups.push(() => client.endAsync(true));
    await client.publishAsync("trace/v1/dev/s1/reading", JSON.stringify({ values: { air_temp: 21 } }), {
      qos: 1,
    });
    await client.publishAsync("trace/v1/dev/s1/reading", JSON.stringify({ values: { bogus_metric: 1 } }), {
      qos: 1,
    });
    await waitFor(() => (station.intake.refused.get("INTAKE_UNKNOWN_METRIC") ?? 0) === 1);

    station.printing.enqueueTestPage("p1");

    const res = await station.http.app.inject({ method: "GET", url: "/metrics" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/plain");
    const text = res.body;
    expect(sample(text, 'trace_station_messages_accepted_total{kind="reading"}')).toBe(1);
    expect(sample(text, 'trace_station_messages_refused_total{code="INTAKE_UNKNOWN_METRIC"}')).toBe(1);
    expect(sample(text, "trace_station_intake_commit_seconds_count")).toBeGreaterThanOrEqual(1);
    expect(sample(text, "trace_station_connected_clients")).toBe(1);
    expect(sample(text, "trace_station_database_bytes")).toBeGreaterThan(0);
    expect(sample(text, "trace_station_disk_free_bytes")).toBeGreaterThan(0);
    expect(sample(text, "trace_station_intake_paused")).toBe(0);
    expect(sample(text, 'trace_station_outbox_backlog{sink="up"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'trace_station_outbox_oldest_age_seconds{sink="up"}')).toBeGreaterThanOrEqual(0);
    const jobs = text.split("\n").filter((l) => l.startsWith('trace_station_print_jobs{printer="p1",'));
    expect(jobs.reduce((n, l) => n + Number(l.split(" ")[1]), 0)).toBe(1);
    expect(sample(text, "nodejs_eventloop_lag_seconds")).toBeGreaterThanOrEqual(0);
    expect(sample(text, "process_resident_memory_bytes")).toBeGreaterThan(0);

    const health = await station.http.app.inject({ method: "GET", url: "/healthz" });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: "ok", ready: true, intake: { paused: null }, alarms: [] });
  });

  it("two stations in one process keep separate registries", async () => {
    const a = await startTestStation();
    const b = await startTestStation();
    for (const ts of [a, b]) {
      cleanups.push(() => removeDir(ts.dataDir));
      cleanups.push(() => ts.stop());
    }
    await a.station.intake.submit("s1", "reading", { values: { air_temp: 20 } });
    const textA = (await a.station.http.app.inject({ method: "GET", url: "/metrics" })).body;
    const textB = (await b.station.http.app.inject({ method: "GET", url: "/metrics" })).body;
    expect(sample(textA, 'trace_station_messages_accepted_total{kind="reading"}')).toBe(1);
    expect(sample(textB, 'trace_station_messages_accepted_total{kind="reading"}')).toBeUndefined();
  });
});
