import { afterEach, describe, expect, it } from "vitest";
import { escposStatus } from "../../../drivers/printer/printer-status.js";
import { parseEscpos } from "../../helpers/escpos-stream.js";
import { packageData } from "../../helpers/label-fixtures.js";
import { type EndpointBehaviour, PrinterEndpoint } from "../../helpers/printer-endpoint.js";
import {
  PACKAGE_URL,
  type PrintingFixture,
  printingFixture,
  tcpPrinter,
  waitForState,
} from "../../helpers/printing-fixture.js";

const URL = PACKAGE_URL;
let endpoint: PrinterEndpoint;
let fx: PrintingFixture;

afterEach(async () => {
  await fx?.close();
  await endpoint?.close();
});

/** How many times the label's QR reached the printer whole. */
const qrCount = () =>
  endpoint.capture.connections.flatMap((c) => parseEscposLenient(c).qrPayloads).filter((q) => q === URL)
    .length;

function parseEscposLenient(bytes: Buffer) {
  try {
    return parseEscpos(bytes);
  } catch {
    return { qrPayloads: [] as string[] };
  }
}

/** A listening printer endpoint with `behaviour` applied, and a started queue printing to it. */
async function start(behaviour: Partial<EndpointBehaviour> = {}): Promise<void> {
  endpoint = new PrinterEndpoint();
  await endpoint.listen();
  Object.assign(endpoint.behaviour, behaviour);
  fx = printingFixture([tcpPrinter(endpoint.port)]);
  await fx.printing.start();
}

describe("printer faults", () => {
  it("printer endpoint down: the job waits queued with the reason, then prints once", async () => {
    endpoint = new PrinterEndpoint();
    const port = await endpoint.listen();
    await endpoint.close();
    fx = printingFixture([tcpPrinter(port)]);
    await fx.printing.start();
    const job = fx.printing.enqueuePackageData(packageData);
    const held = await waitForState(
      fx.printing,
      job.id,
      ["queued"],
      (j) => j.reasonCode === "PRINTER_UNREACHABLE",
    );
    expect(held.reason).toMatch(/ECONNREFUSED/);
    endpoint = new PrinterEndpoint();
    await endpoint.listen(port);
    const done = await waitForState(fx.printing, job.id, ["done"]);
    expect(done.attempts).toBe(1);
    expect(qrCount()).toBe(1);
  });

  it("paper out: nothing of the job is sent until paper is loaded, then it prints once", async () => {
    await start({ paperStatus: 0x72 });
    const job = fx.printing.enqueuePackageData(packageData);
    const held = await waitForState(
      fx.printing,
      job.id,
      ["queued"],
      (j) => j.reasonCode === "PRINTER_PAPER_OUT",
    );
    expect(held.reason).toMatch(/缺纸/);
    // A connection is counted when it is accepted, before its bytes arrive: wait for two
    // whole status checks, then allow the one in flight to hold only part of its request.
    const statusCheck = escposStatus.request;
    await endpoint.waitFor(
      () => endpoint.capture.connections.filter((c) => c.equals(statusCheck)).length >= 2,
      30_000,
      "a second status check",
    );
    // Only status requests so far: DLE EOT 1 and DLE EOT 4, six bytes per connection.
    const onlyStatus = endpoint.capture.connections.every((c) => statusCheck.subarray(0, c.length).equals(c));
    expect(onlyStatus).toBe(true);
    endpoint.behaviour.paperStatus = 0x12;
    await waitForState(fx.printing, job.id, ["done"]);
    expect(qrCount()).toBe(1);
    expect((await fx.printing.printers())[0]).toMatchObject({ ready: true, jobs: { done: 1, queued: 0 } });
  });

  it("paper runs out during the job: needs confirmation with the reason, not resent", async () => {
    await start({ paperStatusAfterJob: 0x72 });
    const job = fx.printing.enqueuePackageData(packageData);
    const stuck = await waitForState(fx.printing, job.id, ["needs_confirmation"]);
    expect(stuck.reasonCode).toBe("PRINTER_PAPER_OUT");
    endpoint.behaviour.paperStatusAfterJob = undefined;
    const next = fx.printing.enqueuePackageData({ ...packageData, serial: "ST01261122007K-0013" });
    await waitForState(fx.printing, next.id, ["done"]);
    expect(qrCount()).toBe(1);
    fx.printing.confirm(job.id, "printed", "李四");
    expect(fx.printing.job(job.id)).toMatchObject({ state: "done", resolvedBy: "李四" });
    expect(qrCount()).toBe(1);
  });

  it("connection dropped mid-job: needs confirmation with the reason; resent only on the operator's word", async () => {
    await start({ dropAfterBytes: 200 });
    const job = fx.printing.enqueuePackageData(packageData);
    const stuck = await waitForState(fx.printing, job.id, ["needs_confirmation"]);
    expect(stuck.reasonCode).toBe("PRINTER_CONNECTION_LOST");
    // What reached the printer before the drop (the QR may or may not be among it).
    const before = qrCount();
    expect(endpoint.capture.connections).toHaveLength(1);
    // The queue moves on without resending it.
    endpoint.behaviour.dropAfterBytes = undefined;
    const next = fx.printing.enqueuePackageData({ ...packageData, serial: "ST01261122007K-0013" });
    await waitForState(fx.printing, next.id, ["done"]);
    expect(fx.printing.job(job.id).state).toBe("needs_confirmation");
    expect(qrCount()).toBe(before);
    expect(endpoint.capture.connections).toHaveLength(2);
    expect(() => fx.printing.enqueuePackageData(packageData)).toThrow(/补打|reprint/);
    fx.printing.confirm(job.id, "resend", "张三");
    const done = await waitForState(fx.printing, job.id, ["done"]);
    expect(done.resolvedBy).toBe("张三");
    expect(qrCount()).toBe(before + 1);
  });
});
