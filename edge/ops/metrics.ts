import { statSync } from "node:fs";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { DeviceHealth } from "../../drivers/device-health.js";
import { databasePath } from "../store/database.js";
import type { OpsAlarms } from "./alarms.js";
import { registerDeviceSeries } from "./device-metrics.js";
import type { DiskSpace } from "./disk-space.js";
import type { PrintJobCount } from "./print-job-counts.js";

/** Backlog of one uplink sink, as the uplink reports it. */
export interface SinkBacklog {
  sink: string;
  backlog: number;
  /** Age of the oldest record not yet delivered, ms; null when the backlog is empty. */
  oldestAgeMs: number | null;
}

/**
 * What the metrics read at scrape time. Components that land later (uplink, print queue) are
 * wired in by setting their field in the composition root.
 */
export interface MetricsSources {
  intake: {
    readonly accepted: ReadonlyMap<string, number>;
    readonly refused: ReadonlyMap<string, number>;
    readonly paused: string | undefined;
  };
  connectedClients(): number;
  dataDir: string;
  alarms: OpsAlarms;
  disk(): DiskSpace | undefined;
  floorBytes: number;
  uplink?: () => readonly SinkBacklog[];
  printJobs?: () => readonly PrintJobCount[];
  /** Health of the station-driven devices (scales, Modbus sensors, scanners). */
  devices?: () => readonly DeviceHealth[];
  /** Broker refusals by code (limits, client ids, packet sizes, revocations: issue 12). */
  brokerRefusals?: () => ReadonlyMap<string, number>;
}

const PREFIX = "trace_station_";

/**
 * The station's Prometheus metrics on its own registry (never prom-client's global one, so
 * several stations in one test process do not collide). Values are read at scrape time from
 * the components; only the commit latency is pushed, by the group committer's observer.
 */
export class StationMetrics {
  readonly registry = new Registry();
  private readonly commitSeconds: Histogram;
  private readonly commitSize: Histogram;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    // Event-loop lag, memory, CPU, handles: prom-client's process collectors (nodejs_*, process_*).
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });

    const mirror = (name: string, help: string, label: string, read: () => ReadonlyMap<string, number>) =>
      new Counter({
        name,
        help,
        labelNames: [label],
        registers,
        collect() {
          // The intake keeps the totals; the counter mirrors them (they only grow).
          this.reset();
          for (const [key, value] of read()) this.inc({ [label]: key }, value);
        },
      });
    mirror(
      `${PREFIX}messages_accepted_total`,
      "Device messages stored, by kind",
      "kind",
      () => sources.intake.accepted,
    );
    mirror(
      `${PREFIX}messages_refused_total`,
      "Device messages refused, by error code",
      "code",
      () => sources.intake.refused,
    );
    this.commitSeconds = new Histogram({
      name: `${PREFIX}intake_commit_seconds`,
      help: "Time to write one group of messages to SQLite (one transaction, one fsync)",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.commitSize = new Histogram({
      name: `${PREFIX}intake_commit_messages`,
      help: "Messages per committed group",
      buckets: [1, 2, 5, 10, 50, 100, 500, 1000, 5000],
      registers,
    });
    gauge(`${PREFIX}intake_paused`, "1 while intake is paused (disk floor)", (g) =>
      g.set(sources.intake.paused === undefined ? 0 : 1),
    );
    gauge(`${PREFIX}connected_clients`, "MQTT clients connected to the broker", (g) =>
      g.set(sources.connectedClients()),
    );
    gauge(`${PREFIX}database_bytes`, "Size of the SQLite database with its WAL", (g) =>
      g.set(databaseBytes(sources.dataDir)),
    );
    gauge(`${PREFIX}disk_free_bytes`, "Free bytes on the data directory's filesystem", (g) => {
      const disk = sources.disk();
      if (disk) g.set(disk.freeBytes);
    });
    gauge(`${PREFIX}disk_floor_bytes`, "Configured free-space floor", (g) => g.set(sources.floorBytes));
    gauge(
      `${PREFIX}alarm`,
      "1 for each active alarm, by code",
      (g) => {
        for (const alarm of sources.alarms.list()) g.set({ code: alarm.code }, 1);
      },
      ["code"],
    );
    gauge(
      `${PREFIX}mqtt_refusals`,
      "Connections, packets and messages the broker refused since start, by code",
      (g) => {
        for (const [code, n] of sources.brokerRefusals?.() ?? []) g.set({ code }, n);
      },
      ["code"],
    );
    gauge(
      `${PREFIX}outbox_backlog`,
      "Records waiting for an uplink sink",
      (g) => {
        for (const s of sources.uplink?.() ?? []) g.set({ sink: s.sink }, s.backlog);
      },
      ["sink"],
    );
    gauge(
      `${PREFIX}outbox_oldest_age_seconds`,
      "Age of the oldest record waiting for an uplink sink",
      (g) => {
        for (const s of sources.uplink?.() ?? []) g.set({ sink: s.sink }, (s.oldestAgeMs ?? 0) / 1000);
      },
      ["sink"],
    );
    gauge(
      `${PREFIX}print_jobs`,
      "Print jobs by printer and state",
      (g) => {
        for (const j of sources.printJobs?.() ?? []) g.set({ printer: j.printer, state: j.state }, j.count);
      },
      ["printer", "state"],
    );

    registerDeviceSeries(registers, () => sources.devices?.() ?? []);

    function gauge(name: string, help: string, fill: (g: Gauge) => void, labelNames: string[] = []): void {
      new Gauge({
        name,
        help,
        labelNames,
        registers,
        collect() {
          this.reset();
          fill(this);
        },
      });
    }
  }

  /** Called by the group committer after each transaction. */
  observeCommit(messages: number, seconds: number): void {
    this.commitSeconds.observe(seconds);
    this.commitSize.observe(messages);
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /** Stop the event-loop monitor collectDefaultMetrics started. */
  close(): void {
    this.registry.clear();
  }
}

function databaseBytes(dataDir: string): number {
  const base = databasePath(dataDir);
  let total = 0;
  for (const file of [base, `${base}-wal`, `${base}-shm`]) {
    try {
      total += statSync(file).size;
    } catch {
      // No WAL between checkpoints: nothing to add.
    }
  }
  return total;
}
