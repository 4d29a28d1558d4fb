import "../domain/domain-codes.js";
import { runAs } from "../audit/actor-context.js";
import type { Actor } from "../http/actor.js";
import "./line-codes.js";
import type { LiveWeight } from "../../drivers/driver-status.js";
import type { Clock } from "../core/clock.js";
import { StationError } from "../core/station-error.js";
import type { Domain } from "../domain/domain.js";
import type { Package } from "../domain/records.js";
import type { PrintJob } from "../printing/print-job-store.js";
import type { EnqueueOptions } from "../printing/print-service.js";
import type { LineSettings, ScaleRules } from "./line-settings.js";
import type { LineSettingsStore } from "./line-settings-store.js";
import { type LinePackage, type LineView, linePackage, printRefusal, round, toLineJob } from "./line-view.js";
import { PlacementReader } from "./placement.js";

/** The part of the print queue a line uses (edge/printing/print-service.ts). */
export interface LinePrinting {
  enqueuePackage(serial: string, options?: EnqueueOptions): PrintJob;
  linePrinterName(scale: string): string;
  cancel(id: number, by: string, reason?: string): PrintJob;
  job(id: number): PrintJob;
}

export interface PackingLineDeps {
  id: string;
  domain: Domain;
  printing: LinePrinting;
  store: LineSettingsStore;
  rules: ScaleRules;
  clock: Clock;
  /** Every change of the view goes out here (the kiosk's `line` event). */
  publish(view: LineView): void;
  /**
   * Run writes as one transaction: a package and its label job are committed together (one
   * fsync, not two, between the stable frame and the first label byte).
   */
  atomically<T>(fn: () => T): T;
  /** An automatic take that failed (no printer configured, batch closed): nobody tapped to see it. */
  failed(err: unknown): void;
}

/**
 * One scale with its printer (DESIGN.md "The packing line"): the only place a placement
 * becomes a package and a package gets its label. It reads every frame, keeps the selected
 * batch, the mode, the placement on the pan, the package it became and that package's job,
 * and answers the kiosk's intents. The print-once rule is the placement's `taken` mark.
 */
/** A person working a line, for as long as their kiosk session is open. */
export interface LineAttendant {
  actor: Actor;
  present(): boolean;
}

export class PackingLine {
  readonly id: string;
  private settings: LineSettings;
  private readonly reader: PlacementReader;
  private weight: LineView["weight"] = { netKg: null, stable: false, state: "none", ts: null };
  private last: LinePackage | null = null;
  private seq = 0;
  /** Where this line's labels come out, shown on the pack screen; null when no printer prints packages. */
  private readonly printer: string | null;
  /** The last person who acted on this line at a kiosk: auto-mode packages are packed in their name. */
  private attendant: LineAttendant | null = null;

  constructor(private readonly deps: PackingLineDeps) {
    this.id = deps.id;
    this.settings = deps.store.load(deps.id);
    this.reader = new PlacementReader(this.settings, deps.rules);
    this.printer = this.printerName();
  }

  /** One frame from the scale (serial driver frame, or a network scale's message). */
  reading(frame: Pick<LiveWeight, "netKg" | "stable" | "state" | "ts">): void {
    const weighs = frame.state === "ok" || frame.state === "negative";
    this.reader.update(
      { grossKg: weighs ? frame.netKg : null, stable: weighs && frame.stable, ts: frame.ts },
      this.lot,
    );
    const net = weighs && frame.netKg !== null ? round(frame.netKg - this.reader.tareKg) : null;
    this.weight = { netKg: net, stable: weighs && frame.stable, state: frame.state, ts: frame.ts };
    this.autoTake();
    this.changed();
  }

  view(): LineView {
    const p = this.reader.placement;
    const refusal = this.refusal();
    return {
      id: this.id,
      lot: this.lot,
      printer: this.printer,
      settings: { ...this.settings },
      tareKg: this.reader.tareKg,
      weight: { ...this.weight },
      placement: p
        ? {
            id: p.id,
            lot: p.lot,
            netKg: p.netKg,
            stableKg: p.stableKg,
            taken: p.taken?.kind === "package" ? p.taken.serial : (p.taken?.kind ?? null),
          }
        : null,
      last: this.last ? { ...this.last, job: this.last.job ? { ...this.last.job } : null } : null,
      print: refusal ? { ok: false, ...refusal } : { ok: true, kg: this.packageKg() },
      seq: this.seq,
    } as LineView;
  }

  /** Print what is on the pan now: refused with the reason when it cannot be this carton's label. */
  /** Who works this line now (any intent from a kiosk says so). */
  attend(attendant: LineAttendant): void {
    this.attendant = attendant;
  }

  print(by: string): LineView {
    this.take(true, by);
    return this.view();
  }

  /** No-label modes: the worker accepts the weighing on the pan as a package. */
  accept(by: string): LineView {
    this.take(false, by);
    return this.view();
  }

  /** A weight typed on the keypad (手输): a package of the selected batch, labelled. */
  manual(netKg: number, by: string): LineView {
    const lot = this.requireLot();
    const failure = this.deps.atomically(() => {
      const pkg = this.deps.domain.packages.add(
        lot,
        { netKg: round(netKg), weighedAt: this.deps.clock.now() },
        { source: "api", deviceId: this.id },
        "labelling",
      );
      return this.label(pkg, by);
    });
    if (failure !== undefined) throw failure;
    return this.changed();
  }

  selectBatch(lot: string | null): LineView {
    if (lot) this.deps.domain.scales.select(this.id, lot);
    else this.deps.domain.scales.clear(this.id);
    // The placement on the pan keeps the batch it was put on under (placement.lot), so it can
    // never become a package of the batch chosen now.
    return this.changed();
  }

  /** The batch selection changed elsewhere (a batch closed). */
  refreshBatch(): void {
    this.changed();
  }

  /**
   * The selected batch, read where it is kept (domain_scale_selection) rather than copied:
   * closing a batch or the scale routes change it too. One indexed row per frame.
   */
  private get lot(): string | null {
    return this.deps.domain.scales.selected(this.id) ?? null;
  }

  configure(patch: Partial<LineSettings>): LineView {
    const next: LineSettings = { ...this.settings, ...patch };
    if (next.mode === "fill" && !(next.targetKg && next.targetKg > 0))
      throw new StationError("LINE_MODE_SETTINGS", "装到目标重量须填目标重量 / fill needs targetKg");
    if (next.mode === "fixed" && !(next.nominalKg && next.nominalKg > 0))
      throw new StationError("LINE_MODE_SETTINGS", "定量包装须填标称重量 / fixed needs nominalKg");
    this.settings = next;
    this.reader.configure(next);
    this.deps.store.save(this.id, next, this.deps.clock.now());
    this.autoTake();
    return this.changed();
  }

  tare(): LineView {
    const p = this.reader.placement;
    if (!p || p.stableKg === null || !this.weight.stable)
      throw new StationError("LINE_NOT_STABLE", "去皮须等容器稳定 / tare needs a stable container");
    if (p.taken?.kind === "package")
      throw new StationError("LINE_ALREADY_LABELLED", "已打印的货物不能当皮重 / a labelled item is no tare");
    this.reader.takeTare();
    return this.changed();
  }

  clearTare(): LineView {
    this.reader.clearTare();
    return this.changed();
  }

  /** Stop waiting for the last label: its job is cancelled and its package voided. */
  cancelJob(by: string): LineView {
    const last = this.last;
    if (!last?.job) throw new StationError("LINE_JOB_NOT_HERE", "没有等待中的标签 / no label waiting");
    const job = this.deps.printing.job(last.job.id);
    if (job.state === "queued" || job.state === "needs_confirmation") {
      this.deps.printing.cancel(job.id, by, `${by} 在包装线取消 / cancelled on the line`);
    } else if (job.state === "failed" && last.state === "labelling") {
      this.voided(this.deps.domain.packages.void(last.serial, "标签未打出 / label not printed", by));
    }
    return this.view();
  }

  /** 补打: a second label for a package of this line, marked as such; a voided one gets none. */
  reprint(serial: string, by: string): LineView {
    const pkg = this.deps.domain.packages.require(serial);
    if (pkg.state === "voided")
      throw new StationError("DOMAIN_PACKAGE_VOIDED", `包装 ${serial} 已作废，不能补打 / voided`, { serial });
    this.deps.printing.enqueuePackage(serial, { reprint: true, by });
    return this.view();
  }

  /** Remove a wrong package from the batch, with the worker's reason; its unprinted label is cancelled. */
  voidPackage(serial: string, reason: string, by: string): LineView {
    const pkg = this.deps.domain.packages.require(serial);
    const job = this.last?.serial === serial ? this.last.job : null;
    const voided = this.deps.domain.packages.void(pkg.serial, reason, by);
    if (job && (job.state === "queued" || job.state === "needs_confirmation")) {
      this.deps.printing.cancel(job.id, by, `包装已作废 / package voided: ${reason}`);
    }
    this.voided(voided);
    return this.view();
  }

  /** The print queue reports a job; the view follows the last package's. */
  jobChanged(job: PrintJob): void {
    if (!this.last || job.ref !== this.last.serial) return;
    this.last.job = toLineJob(job);
    this.last.state = this.deps.domain.packages.get(job.ref)?.state ?? this.last.state;
    // A label out (or cancelled) frees the line for the carton now on the pan.
    this.autoTake();
    this.changed();
  }

  /** A package of this line was voided (here or elsewhere). */
  voided(pkg: Package): void {
    if (this.last?.serial !== pkg.serial) return;
    this.last.state = pkg.state;
    this.changed();
  }

  private take(withLabel: boolean, by: string): void {
    const refusal = this.refusal();
    if (refusal) throw new StationError(refusal.code, refusal.message, { line: this.id });
    const p = this.reader.placement;
    const lot = this.lot;
    if (!p || !lot) return;
    const failure = this.deps.atomically(() => {
      const pkg = this.deps.domain.packages.add(
        lot,
        {
          netKg: this.packageKg(),
          ...(this.reader.tareKg > 0 ? { tareKg: this.reader.tareKg } : {}),
          weighedAt: this.deps.clock.now(),
        },
        { source: "device", deviceId: this.id },
        withLabel ? "labelling" : "accepted",
      );
      p.taken = { kind: "package", serial: pkg.serial };
      if (withLabel) return this.label(pkg, by);
      this.last = { ...linePackage(pkg), job: null };
      return undefined;
    });
    if (failure !== undefined) throw failure;
  }

  /**
   * Queue the label; a label that cannot even be queued (no package printer) leaves no package
   * behind: it is voided with the reason in the same transaction, and the error returned.
   */
  private label(pkg: Package, by: string): unknown {
    try {
      const job = this.deps.printing.enqueuePackage(pkg.serial, { by });
      this.last = { ...linePackage(pkg), job: toLineJob(job) };
      return undefined;
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      this.deps.domain.packages.void(pkg.serial, `标签未能排队 / label not queued: ${why}`, "station");
      const p = this.reader.placement;
      if (p?.taken?.kind === "package" && p.taken.serial === pkg.serial) p.taken = null;
      return err;
    }
  }

  /** Auto mode: the placement's package is taken the moment the mode's rule says it is ready. */
  private autoTake(): void {
    const auto = this.settings.auto || this.deps.rules.demand;
    if (!auto || !this.reader.ready() || this.refusal()) return;
    try {
      // Packed in the name of whoever is signed in at this line's kiosk; once they signed out
      // or went idle, in the station's ("auto").
      const attendant = this.attendant?.present() ? this.attendant.actor : null;
      if (attendant) runAs(attendant, () => this.take(true, attendant.name));
      else this.take(true, "auto");
    } catch (err) {
      this.deps.failed(err);
    }
  }

  /** The weight a package of the placement gets: fixed weight labels the nominal. */
  private packageKg(): number {
    const s = this.settings;
    if (s.mode === "fixed" && s.nominalKg !== null) return s.nominalKg;
    return this.reader.placement?.stableKg ?? 0;
  }

  private refusal() {
    return printRefusal({
      lot: this.lot,
      weight: this.weight,
      placement: this.reader.placement,
      settings: this.settings,
      last: this.last,
    });
  }

  /** The print queue routes this line's labels (by the package's scale) to this printer. */
  private printerName(): string | null {
    try {
      return this.deps.printing.linePrinterName(this.id);
    } catch {
      return null;
    }
  }

  private requireLot(): string {
    if (!this.lot)
      throw new StationError("LINE_NO_BATCH", "先选批次 / choose a batch first", { line: this.id });
    return this.lot;
  }

  private changed(): LineView {
    this.seq++;
    const view = this.view();
    this.deps.publish(view);
    return view;
  }
}
