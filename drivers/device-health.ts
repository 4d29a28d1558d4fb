import type { Bilingual, CodeEntry } from "../edge/core/code-entry.js";
import type { ErrorCode } from "../edge/core/error-codes.js";
import { driverCodes } from "./driver-codes.js";
import type { DriverStatus } from "./driver-status.js";

/** The trouble a device is in, with the catalogue's remedy so the operator can act on it. */
export interface DeviceProblem {
  code: ErrorCode;
  title: Bilingual;
  remedy: Bilingual;
  /** What was seen, with the settings in use where they matter ("… at 9600 8N1"). */
  detail: string | null;
}

/**
 * A station-internal device's health as the operator reads it (issue 14; printers build the
 * same record in edge/printing/printer-health.ts): link up or down and
 * since when, receiving or silent since when, frames decoded against bytes discarded, the
 * problem with its remedy; Modbus sensors add their answer rate and last timeout. The same
 * record goes to /api/devices, the live feed, /healthz (doctor) and /metrics.
 */
export interface DeviceHealth {
  id: string;
  kind: DriverStatus["kind"] | "printer";
  port: string;
  line: string | null;
  /** Link up and the device doing its job (frames arrive; a Modbus sensor answers). */
  online: boolean;
  /** "unknown" only for a printer not yet heard from (no job, no status check so far). */
  link: "up" | "down" | "unknown";
  linkSince: number | null;
  /** Frames (or answers) are arriving; false while silent or unreadable. */
  receiving: boolean;
  silentSince: number | null;
  lastFrameAt: number | null;
  framesDecoded: number;
  bytesDiscarded: number;
  checksumErrors: number;
  reconnects: number;
  problem: DeviceProblem | null;
  modbus: {
    bus: string;
    answerRate: number | null;
    timeouts: number;
    lastTimeoutAt: number | null;
    retryMs: number | null;
    dead: boolean;
  } | null;
  /** Printers (edge/printing/printer-health.ts): what the printer said last and its job totals. */
  printer: PrinterHealthDetail | null;
}

/** A printer's side of its health record. */
export interface PrinterHealthDetail {
  /** Printer language: escpos, tspl, preview. */
  language: string;
  /** What the printer said last: ready, connected without status, paper out, cover open, off-line, unreachable. */
  state: "ready" | "no-status" | "paper-out" | "cover-open" | "offline" | "unreachable" | "unknown";
  /** When the station last heard from or about the printer (a job or a status check). */
  lastCheckAt: number | null;
  jobsDone: number;
  jobsFailed: number;
  jobsQueued: number;
  jobsNeedConfirmation: number;
}

/**
 * Codes that mean the link is up but the device is not doing its job. A Modbus sensor's
 * single missed answer is shown as its problem but it goes offline only when dead.
 */
const NOT_WORKING: ReadonlySet<ErrorCode> = new Set(["DRIVER_NO_FRAMES", "DRIVER_SILENT"]);

export function deviceHealth(s: DriverStatus): DeviceHealth {
  const problem: DeviceProblem | null = s.code
    ? { code: s.code, ...describeDriverCode(s.code), detail: s.lastError ?? null }
    : null;
  const working = s.connected && !s.dead && !(s.code && NOT_WORKING.has(s.code));
  return {
    id: s.id,
    kind: s.kind,
    port: s.port,
    line: s.line ?? null,
    online: working,
    link: (s.linkUp ?? s.connected) ? "up" : "down",
    linkSince: s.linkSince,
    receiving: working && s.silentSince === null && s.lastFrameAt !== null,
    silentSince: s.silentSince,
    lastFrameAt: s.lastFrameAt,
    framesDecoded: s.framesOk,
    bytesDiscarded: s.garbageBytes,
    checksumErrors: s.checksumErrors,
    reconnects: s.reconnects,
    problem,
    modbus:
      s.kind === "modbus-sensor"
        ? {
            bus: s.bus ?? "",
            answerRate: s.answerRate ?? null,
            timeouts: s.timeouts ?? 0,
            lastTimeoutAt: s.lastTimeoutAt ?? null,
            retryMs: s.retryMs ?? null,
            dead: s.dead ?? false,
          }
        : null,
    printer: null,
  };
}

/**
 * Drivers report only their own codes (drivers/driver-codes.ts); reading that table keeps the
 * drivers layer off the station-wide catalogue (DESIGN.md "Layers").
 */
function describeDriverCode(code: ErrorCode): CodeEntry {
  const entry: CodeEntry | undefined = (driverCodes as Record<string, CodeEntry>)[code];
  return (
    entry ?? {
      title: { zh: code, en: code },
      remedy: { zh: "见 systemd/README.md 错误代码表", en: "see the error table in systemd/README.md" },
    }
  );
}

/** What changes the operator must hear about at once (not every counter tick). */
export function healthFingerprint(h: DeviceHealth): string {
  return `${h.online}|${h.link}|${h.receiving}|${h.problem?.code ?? ""}|${h.modbus?.dead ?? ""}|${h.printer?.state ?? ""}`;
}
