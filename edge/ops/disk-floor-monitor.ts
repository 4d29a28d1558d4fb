import "./ops-codes.js";
import type { Clock, TimerHandle } from "../core/clock.js";
import type { Logger } from "../core/logger.js";
import type { StationService } from "../core/station-service.js";
import type { OpsAlarms } from "./alarms.js";
import { type DiskProbe, type DiskSpace, MB } from "./disk-space.js";

/** The part of the intake the monitor drives (edge/intake/intake.ts). */
export interface PausableIntake {
  pause(reason: string): void;
  resume(): void;
}

export interface DiskFloorSettings {
  floorBytes: number;
  resumeMarginBytes: number;
  intervalMs: number;
}

/**
 * Keeps the store from filling the disk: under the floor the intake pauses, so QoS 1 publishers
 * get no PUBACK and resend later (DESIGN.md "Delivery promise"), while printing and uplink, which
 * need little space, carry on. SQLite itself survives ENOSPC (the transaction rolls back), but a
 * full card also breaks the journal, the WAL checkpoint and the OS: stop well before that.
 * Resumes only once space is back above floor + margin, so it does not flap at the edge.
 */
export class DiskFloorMonitor implements StationService {
  readonly name = "disk-floor";
  private timer: TimerHandle | undefined;
  private pausedByUs = false;
  private running = false;
  last: DiskSpace | undefined;

  constructor(
    private readonly dataDir: string,
    private readonly settings: DiskFloorSettings,
    private readonly deps: {
      intake: PausableIntake;
      alarms: OpsAlarms;
      probe: DiskProbe;
      clock: Clock;
      log: Logger;
    },
  ) {}

  async start(): Promise<void> {
    this.running = true;
    await this.check();
    this.schedule();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  get paused(): boolean {
    return this.pausedByUs;
  }

  /** One measurement and the decision that follows; public so a test can step it. */
  async check(): Promise<void> {
    const { floorBytes, resumeMarginBytes } = this.settings;
    if (floorBytes <= 0) return;
    let space: DiskSpace;
    try {
      space = await this.deps.probe(this.dataDir);
    } catch (err) {
      this.deps.log.warn({ dataDir: this.dataDir, err: (err as Error).message }, "free space unknown");
      return;
    }
    this.last = space;
    const freeMb = (space.freeBytes / MB).toFixed(1);
    const floorMb = (floorBytes / MB).toFixed(0);
    if (!this.pausedByUs && space.freeBytes < floorBytes) {
      this.pausedByUs = true;
      const message = `剩余 ${freeMb} MB，低于下限 ${floorMb} MB / ${freeMb} MB free, under the ${floorMb} MB floor`;
      this.deps.intake.pause(`OPS_DISK_LOW: ${message}`);
      this.deps.alarms.raise("OPS_DISK_LOW", message, this.deps.clock.now(), {
        dataDir: this.dataDir,
        freeBytes: space.freeBytes,
        floorBytes,
      });
      this.deps.log.error(
        { code: "OPS_DISK_LOW", dataDir: this.dataDir, freeBytes: space.freeBytes, floorBytes },
        "disk space under the floor: intake paused",
      );
    } else if (this.pausedByUs && space.freeBytes >= floorBytes + resumeMarginBytes) {
      this.pausedByUs = false;
      this.deps.intake.resume();
      this.deps.alarms.clear("OPS_DISK_LOW");
      this.deps.log.info(
        { dataDir: this.dataDir, freeBytes: space.freeBytes },
        "disk space back: intake resumed",
      );
    }
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = this.deps.clock.setTimeout(() => {
      this.check().finally(() => this.schedule());
    }, this.settings.intervalMs);
    this.timer.unref?.();
  }
}
