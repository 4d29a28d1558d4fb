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

/**
 * What one stored message costs on disk, over its payload: the messages row and its indexes,
 * the outbox row, and the WAL frames that carry both until a checkpoint. Deliberately high:
 * the estimate only decides when to measure again, and when to stop before measuring.
 */
const STORED_AMPLIFICATION = 4;
const STORED_OVERHEAD_BYTES = 512;
/** Fastest re-measure while a writer is close to the floor. */
const FAST_PROBE_MS = 50;
/**
 * A WAL checkpoint copies the WAL's pages into the database file, which grows by up to that
 * much after the intake paused: SQLite's default auto-checkpoint is 1000 pages of 4 KiB
 * (https://sqlite.org/wal.html#automatic_checkpoint).
 */
const WAL_CHECKPOINT_BYTES = 1000 * 4096;

export interface DiskFloorSettings {
  floorBytes: number;
  resumeMarginBytes: number;
  intervalMs: number;
}

/**
 * Keeps the store from filling the disk: just above the floor the intake pauses, so QoS 1 publishers
 * get no PUBACK and resend later (DESIGN.md "Delivery promise"), while printing and uplink, which
 * need little space, carry on. SQLite itself survives ENOSPC (the transaction rolls back), but a
 * full card also breaks the journal, the WAL checkpoint and the OS: stop well before that.
 * Resumes only once space is back above floor + margin, so it does not flap at the edge.
 * Space is measured on a timer and also whenever the commits since the last measurement may
 * have brought it near the floor (noteStored), so the floor holds against a fast writer and
 * the room under it stays for the kiosk, printing and the database (issue 12).
 */
export class DiskFloorMonitor implements StationService {
  readonly name = "disk-floor";
  private timer: TimerHandle | undefined;
  private pausedByUs = false;
  private running = false;
  private writtenSinceProbe = 0;
  private probing: Promise<void> | undefined;
  private fastTimer: TimerHandle | undefined;
  private lastProbe: DiskSpace | undefined;

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

  /** The last probe of the data directory's disk (undefined before the first). */
  get last(): DiskSpace | undefined {
    return this.lastProbe;
  }

  async start(): Promise<void> {
    this.running = true;
    await this.check();
    this.schedule();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    if (this.fastTimer) this.deps.clock.clearTimeout(this.fastTimer);
    this.timer = undefined;
    this.fastTimer = undefined;
  }

  /**
   * A message was committed (called per message, right after its commit): the space it took
   * is estimated at once, so a fast writer cannot run the disk past the floor between two
   * timed measurements. Near the pause line the space is measured again at once; a little
   * further off, within FAST_PROBE_MS.
   */
  noteStored(payloadBytes: number): void {
    const { floorBytes, resumeMarginBytes } = this.settings;
    if (floorBytes <= 0 || !this.running || !this.lastProbe || this.pausedByUs) return;
    this.writtenSinceProbe += payloadBytes * STORED_AMPLIFICATION + STORED_OVERHEAD_BYTES;
    const estimate = this.lastProbe.freeBytes - this.writtenSinceProbe;
    if (estimate < this.pauseLine()) {
      void this.check();
      return;
    }
    if (estimate < floorBytes + 2 * resumeMarginBytes + this.guardBytes() && !this.fastTimer) {
      this.fastTimer = this.deps.clock.setTimeout(() => {
        this.fastTimer = undefined;
        void this.check();
      }, FAST_PROBE_MS);
      this.fastTimer.unref?.();
    }
  }

  /**
   * Intake pauses this far above the floor: room for what the commits in flight while the
   * space is measured still write, and for the checkpoint that follows, so free space never
   * goes under the floor itself.
   */
  private guardBytes(): number {
    return Math.max(this.settings.resumeMarginBytes / 2, 1024 * 1024) + WAL_CHECKPOINT_BYTES;
  }

  private pauseLine(): number {
    return this.settings.floorBytes + this.guardBytes();
  }

  get paused(): boolean {
    return this.pausedByUs;
  }

  /** One measurement and the decision that follows; public so a test can step it. */
  check(): Promise<void> {
    this.probing ??= this.measure().finally(() => {
      this.probing = undefined;
    });
    return this.probing;
  }

  private async measure(): Promise<void> {
    const { floorBytes, resumeMarginBytes } = this.settings;
    if (floorBytes <= 0) return;
    let space: DiskSpace;
    try {
      space = await this.deps.probe(this.dataDir);
    } catch (err) {
      this.deps.log.warn({ dataDir: this.dataDir, err: (err as Error).message }, "free space unknown");
      return;
    }
    this.lastProbe = space;
    this.writtenSinceProbe = 0;
    if (!this.pausedByUs && space.freeBytes < this.pauseLine()) {
      this.raiseLow(space, floorBytes);
    } else if (
      this.pausedByUs &&
      space.freeBytes >= Math.max(floorBytes + resumeMarginBytes, this.pauseLine())
    ) {
      this.pausedByUs = false;
      this.deps.intake.resume();
      this.deps.alarms.clear("OPS_DISK_LOW");
      this.deps.log.info(
        { dataDir: this.dataDir, freeBytes: space.freeBytes },
        "disk space back: intake resumed",
      );
    }
  }

  private raiseLow(space: DiskSpace, floorBytes: number): void {
    this.pausedByUs = true;
    const freeMb = (space.freeBytes / MB).toFixed(1);
    const floorMb = (floorBytes / MB).toFixed(0);
    const message = `剩余 ${freeMb} MB，接近或低于下限 ${floorMb} MB / ${freeMb} MB free, at the ${floorMb} MB floor`;
    this.deps.intake.pause(`OPS_DISK_LOW: ${message}`);
    this.deps.alarms.raise("OPS_DISK_LOW", message, this.deps.clock.now(), {
      dataDir: this.dataDir,
      freeBytes: space.freeBytes,
      floorBytes,
    });
    this.deps.log.error(
      { code: "OPS_DISK_LOW", dataDir: this.dataDir, freeBytes: space.freeBytes, floorBytes },
      "disk space at the floor: intake paused",
    );
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = this.deps.clock.setTimeout(() => {
      this.check().finally(() => this.schedule());
    }, this.settings.intervalMs);
    this.timer.unref?.();
  }
}
