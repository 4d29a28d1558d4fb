import "./line-codes.js";
import type { LiveState } from "../../drivers/driver-status.js";
import type { ErrorCode } from "../core/error-codes.js";
import type { Package, PackageState } from "../domain/records.js";
import type { PrintJob } from "../printing/print-job-store.js";
import type { LineSettings } from "./line-settings.js";
import type { Placement } from "./placement.js";

/** A print job as the pack screen shows it: 已打印 only when `state` is done. */
export interface LineJob {
  id: number;
  state: string;
  reasonCode: string | null;
  reason: string | null;
}

/** The package a placement became (or a typed weight), with the job that labels it. */
export interface LinePackage {
  serial: string;
  lot: string;
  netKg: number;
  /** Typed on the keypad (手输), not weighed. */
  manual: boolean;
  state: PackageState;
  job: LineJob | null;
}

export type WeightState = LiveState | "none";

/** What every screen on the line renders; pushed as the `line` live event on each change. */
export interface LineView {
  id: string;
  lot: string | null;
  /** The printer this line's labels go to (config `lines`, else the first package printer). */
  printer: string | null;
  settings: LineSettings;
  tareKg: number;
  weight: { netKg: number | null; stable: boolean; state: WeightState; ts: number | null };
  placement: Pick<Placement, "id" | "lot" | "netKg" | "stableKg"> & { taken: string | null };
  /** The package this line made last (the current placement's, or the one before). */
  last: LinePackage | null;
  /** Whether a tap on print would print now; otherwise the code and reason shown instead. */
  print: { ok: true; kg: number } | { ok: false; code: ErrorCode; message: string };
  /** Increases with every change, so a screen can drop an older view that arrives late. */
  seq: number;
}

/** Why a tap on print is refused now, in the order a worker fixes things; undefined: it may print. */
export function printRefusal(input: {
  lot: string | null;
  weight: LineView["weight"];
  placement: Placement | null;
  settings: LineSettings;
  last: LinePackage | null;
}): { code: ErrorCode; message: string } | undefined {
  const { lot, weight, placement: p, settings, last } = input;
  if (!lot) return { code: "LINE_NO_BATCH", message: "先选批次 / choose a batch first" };
  // The previous label has not come out: a next one would come out after its carton moved on.
  if (last?.state === "labelling" && last.job && last.job.state !== "done") {
    return {
      code: "LINE_PRINT_PENDING",
      message: `等待打印机 / waiting for the printer: ${last.job.reason ?? last.job.state}`,
    };
  }
  if (weight.state === "none")
    return { code: "LINE_NO_WEIGHT", message: "秤没有数据 / no data from the scale" };
  if (weight.state === "stale")
    return { code: "LINE_SCALE_STALE", message: "秤无数据，不能打印 / scale silent: no printing" };
  if (weight.state === "overload") return { code: "LINE_OVERLOAD", message: "超载 / overload" };
  if (weight.state === "underload" || weight.state === "negative")
    return { code: "LINE_UNDERLOAD", message: "欠载或负重 / underload or negative" };
  if (weight.state !== "ok") return { code: "LINE_NO_WEIGHT", message: `秤状态 ${weight.state}` };
  if (!p) return { code: "LINE_EMPTY_PAN", message: "秤上没有货物 / nothing on the scale" };
  if (p.taken?.kind === "package")
    return { code: "LINE_ALREADY_LABELLED", message: `这件已是 ${p.taken.serial} / already labelled` };
  if (p.taken?.kind === "tare")
    return { code: "LINE_TARE_PLACEMENT", message: "这是去皮的容器 / tared container" };
  if (p.lot !== lot)
    return { code: "LINE_BATCH_SWITCHED", message: "换批次前放上的，请取下再放 / placed before the switch" };
  if (!weight.stable || p.stableKg === null || p.netKg !== p.stableKg)
    return { code: "LINE_NOT_STABLE", message: "等待稳定 / waiting for stable" };
  if (p.stableKg < settings.minPackageKg)
    return {
      code: "LINE_BELOW_MINIMUM",
      message: `${p.stableKg} kg 低于最小包装重量 ${settings.minPackageKg} kg / below the minimum`,
    };
  if (settings.mode === "fixed" && settings.nominalKg !== null && p.stableKg < settings.nominalKg - 1e-9)
    return {
      code: "LINE_UNDER_NOMINAL",
      message: `${p.stableKg} kg 不足标称 ${settings.nominalKg} kg / under nominal`,
    };
  return undefined;
}

export const toLineJob = (job: PrintJob): LineJob => ({
  id: job.id,
  state: job.state,
  reasonCode: job.reasonCode,
  reason: job.reason,
});

export function linePackage(pkg: Package): Omit<LinePackage, "job"> {
  return {
    serial: pkg.serial,
    lot: pkg.lot,
    netKg: pkg.netKg,
    manual: pkg.source === "manual",
    state: pkg.state,
  };
}

/** Kilograms without binary noise (4.9 − 0.5 must stay 4.4). */
export const round = (kg: number) => Math.round(kg * 1e6) / 1e6;
