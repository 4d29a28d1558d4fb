import type { StationConfig } from "../config/schema.js";
import type { Clock } from "../core/clock.js";
import type { Logger } from "../core/logger.js";
import type { StationService } from "../core/station-service.js";
import type { StoredFeed, StoredListener } from "../intake/stored-feed.js";
import type { Database } from "../store/database.js";
import { type Alarm, OpsAlarms } from "./alarms.js";
import { clockHighWater } from "./clock-stamp.js";
import { ClockWatch } from "./clock-watch.js";
import { DiskFloorMonitor, type PausableIntake } from "./disk-floor-monitor.js";
import { type DiskProbe, MB, statfsProbe } from "./disk-space.js";
import { type MetricsSources, StationMetrics } from "./metrics.js";
import { registerOpsRoutes } from "./ops-routes.js";
import { printJobCounts } from "./print-job-counts.js";

/** Figures the metrics and health read from components built beside ops (read at scrape time). */
export type OpsSources = Pick<MetricsSources, "uplink" | "devices" | "brokerRefusals">;

export interface OpsDeps {
  config: StationConfig["ops"];
  dataDir: string;
  db: Database;
  intake: PausableIntake & MetricsSources["intake"] & StoredFeed;
  connectedClients(): number;
  sources?: OpsSources;
  http: Parameters<typeof registerOpsRoutes>[0];
  clock: Clock;
  log: Logger;
  probe?: DiskProbe;
}

/**
 * Operations of a running station (issue 8): disk floor, clock watch, alarms, metrics and
 * health routes. The kiosk reads `alarms()`; the uplink, the drivers and the broker give
 * their figures through `deps.sources`. From `start` every commit is counted against the
 * disk floor, per commit, not per poll: a fast writer cannot outrun the floor check (issue 12).
 */
export class StationOps implements StationService {
  readonly name = "ops";
  readonly alarmSet = new OpsAlarms();
  readonly metrics: StationMetrics | undefined;
  readonly disk: DiskFloorMonitor;
  readonly clockWatch: ClockWatch;
  private readonly sources: MetricsSources;
  private startedAt: number | undefined;
  private readonly noteStored: StoredListener = (message) =>
    this.disk.noteStored(Buffer.byteLength(message.payload));

  constructor(private readonly deps: OpsDeps) {
    const { config, clock } = deps;
    const log = deps.log.child({ component: "ops" });
    const intervalMs = config.checkIntervalSec * 1000;
    this.disk = new DiskFloorMonitor(
      deps.dataDir,
      { floorBytes: config.diskFloorMb * MB, resumeMarginBytes: config.diskResumeMarginMb * MB, intervalMs },
      { intake: deps.intake, alarms: this.alarmSet, probe: deps.probe ?? statfsProbe, clock, log },
    );
    this.clockWatch = new ClockWatch(deps.dataDir, intervalMs, clockHighWater(deps.dataDir, deps.db), {
      alarms: this.alarmSet,
      clock,
      log,
    });
    this.sources = {
      intake: deps.intake,
      connectedClients: deps.connectedClients,
      dataDir: deps.dataDir,
      alarms: this.alarmSet,
      disk: () => this.disk.last,
      floorBytes: config.diskFloorMb * MB,
      printJobs: () => printJobCounts(deps.db),
      ...deps.sources,
    };
    this.metrics = config.metrics ? new StationMetrics(this.sources) : undefined;
    registerOpsRoutes(deps.http, {
      metrics: this.metrics,
      health: {
        alarms: () => this.alarms(),
        intakePaused: () => deps.intake.paused,
        startedAt: () => this.startedAt,
        now: () => clock.now(),
        devices: () => this.sources.devices?.() ?? [],
      },
    });
  }

  /** Active alarms, oldest first: for the kiosk's status bar and /healthz. */
  alarms(): Alarm[] {
    return this.alarmSet.list();
  }

  async start(): Promise<void> {
    await this.clockWatch.start();
    await this.disk.start();
    this.deps.intake.on("stored", this.noteStored);
    this.startedAt = this.deps.clock.now();
  }

  async stop(): Promise<void> {
    this.startedAt = undefined;
    this.deps.intake.off("stored", this.noteStored);
    await this.disk.stop();
    await this.clockWatch.stop();
    this.metrics?.close();
  }
}
