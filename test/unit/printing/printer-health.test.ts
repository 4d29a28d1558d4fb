import { describe, expect, it } from "vitest";
import { escposStatus, tsplStatus } from "../../../drivers/printer/printer-status.js";
import type { PrintJob } from "../../../edge/printing/print-job-store.js";
import {
  observationFromJob,
  observationFromReport,
  PrinterHealth,
} from "../../../edge/printing/printer-health.js";

const NO_JOBS = { queued: 0, sending: 0, done: 0, failed: 0, needs_confirmation: 0 };

function job(state: PrintJob["state"], reasonCode: string | null, reason: string | null = null): PrintJob {
  return {
    id: 1,
    printer: "label1",
    kind: "package",
    ref: "ST01-0001",
    reprint: false,
    data: "{}",
    state,
    reasonCode,
    reason,
    attempts: 1,
    requestedBy: null,
    resolvedBy: null,
    createdAt: 0,
    updatedAt: 0,
    sentAt: null,
    doneAt: null,
  };
}

describe("printer status answers (issue 14: cover open where the protocol reports it)", () => {
  it("TSPL ESC!? bit 0 (head open) is its own code; paper and other faults keep theirs", () => {
    expect(tsplStatus.decode(Buffer.from([0x00]))).toMatchObject({ ready: true });
    expect(tsplStatus.decode(Buffer.from([0x01]))).toMatchObject({
      ready: false,
      code: "PRINTER_COVER_OPEN",
    });
    expect(tsplStatus.decode(Buffer.from([0x04]))).toMatchObject({ ready: false, code: "PRINTER_PAPER_OUT" });
    expect(tsplStatus.decode(Buffer.from([0x05]))).toMatchObject({ code: "PRINTER_PAPER_OUT" });
    expect(tsplStatus.decode(Buffer.from([0x10]))).toMatchObject({ ready: false, code: "PRINTER_OFFLINE" });
  });

  it("ESC/POS DLE EOT 1 and 4: off-line and paper end; DLE EOT 2 says why it is off-line", () => {
    expect(escposStatus.decode(Buffer.from([0x16, 0x12]))).toMatchObject({ ready: true });
    const offline = escposStatus.decode(Buffer.from([0x1e, 0x12]));
    expect(offline).toMatchObject({ code: "PRINTER_OFFLINE" });
    expect(escposStatus.decode(Buffer.from([0x16, 0x72]))).toMatchObject({ code: "PRINTER_PAPER_OUT" });
    const cause = escposStatus.cause;
    if (!cause) throw new Error("ESC/POS asks for the off-line cause");
    expect([...cause.request]).toEqual([0x10, 0x04, 0x02]);
    expect(cause.refine(offline, Buffer.from([0x16]))).toMatchObject({ code: "PRINTER_COVER_OPEN" });
    expect(cause.refine(offline, Buffer.from([0x32]))).toMatchObject({ code: "PRINTER_PAPER_OUT" });
    expect(cause.refine(offline, Buffer.from([0x52]))).toMatchObject({ code: "PRINTER_OFFLINE" });
    // Not a status byte (bit 7 set): the first answer stands.
    expect(cause.refine(offline, Buffer.from([0x96]))).toBe(offline);
  });
});

describe("a printer's health record", () => {
  it("is unknown until heard from, then follows status checks and job attempts", () => {
    const h = new PrinterHealth("label1", "tspl", "tcp://10.0.0.9:9100");
    expect(h.record(NO_JOBS)).toMatchObject({
      kind: "printer",
      online: false,
      link: "unknown",
      problem: null,
      printer: { state: "unknown", lastCheckAt: null },
    });

    h.observe(
      observationFromReport({ name: "label1", kind: "tspl", link: "", ready: true, detail: "ok" }, 1000),
    );
    expect(h.record({ ...NO_JOBS, done: 3 })).toMatchObject({
      online: true,
      link: "up",
      linkSince: 1000,
      lastFrameAt: 1000,
      framesDecoded: 3,
      printer: { state: "ready", jobsDone: 3 },
    });

    const cover = tsplStatus.decode(Buffer.from([0x01]));
    h.observe(
      observationFromReport(
        {
          name: "label1",
          kind: "tspl",
          link: "",
          ready: cover.ready,
          code: cover.code,
          detail: cover.detail,
        },
        2000,
      ),
    );
    const open = h.record(NO_JOBS);
    expect(open).toMatchObject({
      online: false,
      link: "up",
      printer: { state: "cover-open", lastCheckAt: 2000 },
    });
    expect(open.problem?.code).toBe("PRINTER_COVER_OPEN");
    expect(open.problem?.remedy.zh).toContain("合上");

    const held = observationFromJob(job("queued", "PRINTER_UNREACHABLE", "connect ECONNREFUSED"), 3000);
    if (!held) throw new Error("a held job says the printer is unreachable");
    h.observe(held);
    expect(h.record(NO_JOBS)).toMatchObject({
      online: false,
      link: "down",
      linkSince: 3000,
      problem: { code: "PRINTER_UNREACHABLE", detail: "connect ECONNREFUSED" },
    });

    const printed = observationFromJob(job("done", null), 4000);
    if (!printed) throw new Error("a printed job says the printer works");
    h.observe(printed);
    expect(h.record(NO_JOBS)).toMatchObject({ online: true, link: "up", reconnects: 1, problem: null });
  });

  it("a job failed for a reason of its own says nothing about the printer", () => {
    expect(observationFromJob(job("failed", "LABEL_TEMPLATE_INVALID"), 1)).toBeUndefined();
    expect(observationFromJob(job("queued", null), 1)).toBeUndefined();
    expect(observationFromJob(job("needs_confirmation", "PRINT_INTERRUPTED"), 1)).toBeUndefined();
    expect(observationFromJob(job("needs_confirmation", "PRINTER_PAPER_OUT"), 1)).toMatchObject({
      state: "paper-out",
    });
  });

  it("a printer that does not answer status but takes the connection is online", () => {
    const h = new PrinterHealth("receipt", "escpos", "/dev/usb/lp0");
    h.observe(
      observationFromReport(
        { name: "receipt", kind: "escpos", link: "", ready: null, detail: "no status" },
        5,
      ),
    );
    expect(h.record(NO_JOBS)).toMatchObject({ online: true, link: "up", printer: { state: "no-status" } });
  });
});
