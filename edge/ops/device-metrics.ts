import { Counter, Gauge, type Registry } from "prom-client";
import type { DeviceHealth } from "../../drivers/device-health.js";

const PREFIX = "trace_station_device_";

/**
 * Per-device series with a `device` label (issue 14), read from the drivers' health at scrape
 * time: a wrong baud rate or a dead soil probe shows as a gauge an alert rule can watch, not
 * only as a log line. Counters mirror the drivers' totals (they only grow while it runs).
 * Printers are devices here too (kind="printer"): online, link, problem code, job totals.
 */
export function registerDeviceSeries(registers: Registry[], read: () => readonly DeviceHealth[]): void {
  const labels = (h: DeviceHealth) => ({ device: h.id, kind: h.kind });
  const gauge = (
    name: string,
    help: string,
    value: (h: DeviceHealth) => number | null,
    extra: string[] = [],
  ) =>
    new Gauge({
      name: `${PREFIX}${name}`,
      help,
      labelNames: ["device", "kind", ...extra],
      registers,
      collect() {
        this.reset();
        for (const h of read()) {
          const v = value(h);
          if (v !== null) this.set(labels(h), v);
        }
      },
    });
  const counter = (name: string, help: string, value: (h: DeviceHealth) => number | null) =>
    new Counter({
      name: `${PREFIX}${name}`,
      help,
      labelNames: ["device", "kind"],
      registers,
      collect() {
        this.reset();
        for (const h of read()) {
          const v = value(h);
          if (v !== null) this.inc(labels(h), v);
        }
      },
    });
  gauge("online", "1 while the device's link is up and it is doing its job", (h) => (h.online ? 1 : 0));
  gauge(
    "link_up",
    "1 while the serial/TCP link to the device is open (a printer: it took the last connection)",
    (h) => (h.link === "up" ? 1 : 0),
  );
  gauge("receiving", "1 while frames or answers arrive", (h) => (h.receiving ? 1 : 0));
  gauge("last_frame_timestamp_seconds", "Epoch seconds of the last good frame or answer", (h) =>
    h.lastFrameAt === null ? null : h.lastFrameAt / 1000,
  );
  counter(
    "frames_total",
    "Frames decoded (scales, scanners) or answers received (Modbus)",
    (h) => h.framesDecoded,
  );
  counter("discarded_bytes_total", "Bytes thrown away as not part of any frame", (h) => h.bytesDiscarded);
  counter("checksum_errors_total", "Frames dropped for a wrong checksum or CRC", (h) => h.checksumErrors);
  counter("reconnects_total", "Times the link was reopened", (h) => h.reconnects);
  counter(
    "modbus_timeouts_total",
    "Modbus requests without an answer in time",
    (h) => h.modbus?.timeouts ?? null,
  );
  gauge(
    "modbus_answer_ratio",
    "Share of the recent Modbus polls answered (0..1)",
    (h) => h.modbus?.answerRate ?? null,
  );
  counter(
    "printer_jobs_done_total",
    "Labels a printer printed (jobs done)",
    (h) => h.printer?.jobsDone ?? null,
  );
  counter(
    "printer_jobs_failed_total",
    "Print jobs that failed or were cancelled",
    (h) => h.printer?.jobsFailed ?? null,
  );
  gauge("printer_jobs_waiting", "Print jobs queued or being sent", (h) =>
    h.printer ? h.printer.jobsQueued : null,
  );
  gauge("printer_jobs_unconfirmed", "Print jobs whose outcome an operator must confirm", (h) =>
    h.printer ? h.printer.jobsNeedConfirmation : null,
  );
  new Gauge({
    name: `${PREFIX}problem`,
    help: "1 for each device in trouble, by error code (remedy in systemd/README.md)",
    labelNames: ["device", "kind", "code"],
    registers,
    collect() {
      this.reset();
      for (const h of read()) if (h.problem) this.set({ ...labels(h), code: h.problem.code }, 1);
    },
  });
  new Gauge({
    name: `${PREFIX}problem_remedy`,
    help: "1 for each device in trouble, with what to do (remedy label: Chinese / English)",
    labelNames: ["device", "kind", "code", "remedy"],
    registers,
    collect() {
      this.reset();
      for (const h of read()) {
        if (!h.problem) continue;
        const remedy = `${h.problem.remedy.zh} / ${h.problem.remedy.en}`;
        this.set({ ...labels(h), code: h.problem.code, remedy }, 1);
      }
    },
  });
}
