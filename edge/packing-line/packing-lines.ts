import "../printing/printing-codes.js";
import "./line-codes.js";
import type { DeviceRegistry } from "../../broker/device-registry.js";
import type { DriverHub } from "../../drivers/driver-hub.js";
import type { LiveState, LiveWeight } from "../../drivers/driver-status.js";
import type { Clock } from "../core/clock.js";
import { EventLinks, listen } from "../core/event-links.js";
import type { Logger } from "../core/logger.js";
import { StationError } from "../core/station-error.js";
import type { StationService } from "../core/station-service.js";
import type { Domain } from "../domain/domain.js";
import type { Package } from "../domain/records.js";
import type { AcceptedMessage } from "../intake/decode.js";
import type { StoredFeed } from "../intake/stored-feed.js";
import type { PrintJob } from "../printing/print-job-store.js";
import type { Database } from "../store/database.js";
import type { LineSettings, ScaleRules } from "./line-settings.js";
import { LineSettingsStore } from "./line-settings-store.js";
import type { LineView } from "./line-view.js";
import { type LinePrinting, PackingLine } from "./packing-line.js";

const KG: Record<string, number> = { kg: 1, g: 0.001, t: 1000, lb: 0.45359237 };
/**
 * Network scales have no settings here: the serial defaults (drivers config), and a stable
 * weight straight after another one more than 0.05 kg (`rearmDeltaKg`'s default) away is the
 * next item, for scales that publish one stable weight per placement.
 */
const NETWORK_RULES: ScaleRules = {
  zeroBandKg: 0.02,
  removeFraction: 0.5,
  demand: false,
  stableStepKg: 0.05,
};

export interface PackingLinesDeps {
  db: Database;
  domain: Domain;
  printing: LinePrinting & {
    on(event: "job", fn: (job: PrintJob) => void): unknown;
    off(event: "job", fn: (job: PrintJob) => void): unknown;
  };
  drivers: Pick<DriverHub, "on" | "off" | "scales">;
  intake: StoredFeed;
  devices: Pick<DeviceRegistry, "get" | "list">;
  clock: Clock;
  log: Logger;
  /** Settings of a line never configured on a kiosk. */
  defaults?: Partial<LineSettings>;
  /** The kiosk's live feed: `line` views, and alarms for automatic takes that failed. */
  publish(kind: "line" | "alarm", data: unknown, stateKey?: string): void;
}

/**
 * Every packing line of the station: one per scale, serial (frames from the driver) or network
 * (each stored weight message is a frame). Routes print-queue job reports to the line whose
 * package they label, and voids a package whose first label's job is cancelled.
 */
export class PackingLines implements StationService {
  readonly name = "packing-lines";
  private readonly lines = new Map<string, PackingLine>();
  private readonly store: LineSettingsStore;
  private readonly serial: Map<string, ScaleRules>;
  private readonly links: EventLinks;

  constructor(private readonly deps: PackingLinesDeps) {
    this.store = new LineSettingsStore(deps.db, deps.defaults);
    this.serial = new Map(
      deps.drivers.scales.map((d) => [
        d.config.id,
        {
          zeroBandKg: d.config.zeroBandKg,
          removeFraction: d.config.removeFraction,
          demand: d.config.output === "demand",
          stableStepKg: null,
        },
      ]),
    );
    const { drivers, intake, printing, domain } = deps;
    const frame = (frame: LiveWeight) => this.find(frame.deviceId)?.reading(frame);
    const stored = (message: AcceptedMessage) => this.networkWeight(message);
    const job = (job: PrintJob) => this.jobChanged(job);
    const batchClosed = () => {
      for (const line of this.lines.values()) line.refreshBatch();
    };
    const voided = (pkg: Package) => {
      if (pkg.deviceId) this.lines.get(pkg.deviceId)?.voided(pkg);
    };
    this.links = new EventLinks(this.name, [
      listen(drivers, "frame", frame),
      listen(intake, "stored", stored),
      listen(printing, "job", job),
      listen(domain.events, "batch.closed", batchClosed),
      listen(domain.events, "package.voided", voided),
    ]);
  }

  /** Frames, stored weights, print jobs and batch and package events reach the lines from here. */
  start(): Promise<void> {
    return this.links.start();
  }

  stop(): Promise<void> {
    return this.links.stop();
  }

  /** A network scale's stored weight message is its line's frame. */
  private networkWeight(message: AcceptedMessage): void {
    if (message.kind !== "weight" || this.serial.has(message.deviceId)) return;
    const body = JSON.parse(message.payload) as {
      net: number;
      unit: string;
      stable: boolean;
      state?: string;
    };
    const kg = Math.round(body.net * (KG[body.unit] ?? 1) * 1e6) / 1e6;
    const state = (body.state ?? (kg < 0 ? "negative" : "ok")) as LiveState;
    const line = this.find(message.deviceId);
    line?.reading({
      netKg: state === "ok" || state === "negative" ? kg : null,
      stable: body.stable,
      state,
      ts: message.ts,
    });
  }

  /** The line of a scale; LINE_UNKNOWN for anything that is not a scale. */
  get(id: string): PackingLine {
    const line = this.find(id);
    if (!line) throw new StationError("LINE_UNKNOWN", `没有秤 ${id} / no scale ${id}`, { line: id });
    return line;
  }

  /** Every scale's line: serial scales and registered network scales, even before a frame. */
  views(): LineView[] {
    for (const id of this.serial.keys()) this.find(id);
    for (const device of this.deps.devices.list()) if (device.kind === "scale") this.find(device.id);
    return [...this.lines.values()].map((l) => l.view());
  }

  private find(id: string): PackingLine | undefined {
    const existing = this.lines.get(id);
    if (existing) return existing;
    const rules =
      this.serial.get(id) ?? (this.deps.devices.get(id)?.kind === "scale" ? NETWORK_RULES : undefined);
    if (!rules) return undefined;
    const line = new PackingLine({
      id,
      rules,
      domain: this.deps.domain,
      printing: this.deps.printing,
      store: this.store,
      clock: this.deps.clock,
      publish: (view) => this.deps.publish("line", view, id),
      atomically: (fn) => this.deps.db.transaction(fn).immediate(),
      failed: (err) => {
        this.deps.log.warn({ line: id, err }, "automatic package not taken");
        const e = err as { code?: string; message?: string };
        this.deps.publish("alarm", { source: "line", deviceId: id, code: e.code ?? null, reason: e.message });
      },
    });
    this.lines.set(id, line);
    return line;
  }

  /**
   * A package's first label cancelled: it never existed. (Its first label done, it counts: the
   * print queue accepts it in the commit that marks the job done, edge/printing/record-labels.ts.)
   */
  private jobChanged(job: PrintJob): void {
    if (job.kind !== "package" || !job.ref) return;
    const pkg = this.deps.domain.packages.get(job.ref);
    if (pkg?.state === "labelling" && !job.reprint) {
      if (job.state === "failed" && job.reasonCode === "PRINT_CANCELLED") {
        this.deps.domain.packages.void(
          pkg.serial,
          "标签打印已取消 / label cancelled",
          job.resolvedBy ?? "kiosk",
        );
      }
    }
    if (pkg?.deviceId) this.lines.get(pkg.deviceId)?.jobChanged(job);
  }
}
