import { afterEach, describe, expect, it } from "vitest";
import { validateConfig } from "../../../edge/config/load.js";
import { systemClock } from "../../../edge/core/clock.js";
import { silentLogger } from "../../../edge/core/logger.js";
import { PrintService } from "../../../edge/printing/print-service.js";
import { openDatabase } from "../../../edge/store/database.js";
import { packageData } from "../../helpers/label-fixtures.js";
import { PrinterEndpoint } from "../../helpers/printer-endpoint.js";
import {
  type PrintingFixture,
  printingFixture,
  tcpPrinter,
  waitForState,
} from "../../helpers/printing-fixture.js";

/**
 * A job made while its printer is idle is committed as `sending` by the transaction that makes
 * it: one commit before the first byte instead of two. The crash rule still holds: a station
 * that dies between that commit and the first byte leaves a job for an operator to confirm,
 * never one sent twice; held back by the printer, it is queued again, its attempt not counted.
 */
let endpoint: PrinterEndpoint;
let fx: PrintingFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
  await endpoint?.close();
});

const jobBytes = () => endpoint.capture.connections.filter((c) => c.length > 6).length;

describe("a job claimed in the commit that makes it", () => {
  it("is sending from its insert and prints once", async () => {
    endpoint = new PrinterEndpoint();
    fx = printingFixture([tcpPrinter(await endpoint.listen())]);
    await fx.printing.start();
    const job = fx.printing.enqueuePackageData(packageData);
    expect(job).toMatchObject({ state: "sending", attempts: 1 });
    expect(job.sentAt).not.toBeNull();
    const done = await waitForState(fx.printing, job.id, ["done"]);
    expect(done.attempts).toBe(1);
    expect(jobBytes()).toBe(1);
    // Two at once: the second is behind the first, so it waits queued and goes out after it.
    const a = fx.printing.enqueuePackageData({ ...packageData, serial: `${packageData.lot}-0013` });
    const b = fx.printing.enqueuePackageData({ ...packageData, serial: `${packageData.lot}-0014` });
    expect([a.state, b.state]).toEqual(["sending", "queued"]);
    await waitForState(fx.printing, b.id, ["done"]);
    expect(jobBytes()).toBe(3);
    // Off, every job is queued and claimed by its worker in a commit of its own (the bench's "before").
    fx.printing.claimWithInsert(false);
    expect(fx.printing.enqueuePackageData({ ...packageData, serial: `${packageData.lot}-0015` }).state).toBe(
      "queued",
    );
  });

  it("a crash before its first byte leaves it for an operator, and the old process never sends it", async () => {
    endpoint = new PrinterEndpoint();
    const printers = [tcpPrinter(await endpoint.listen())];
    fx = printingFixture(printers);
    await fx.printing.start();
    const job = fx.printing.enqueuePackageData(packageData);
    expect(job.state).toBe("sending");
    // The station restarts over the same file before the worker's turn came (the first
    // process is as good as dead: its send would start from a timer not yet run).
    const db = openDatabase(fx.dataDir);
    const restarted = new PrintService({
      db,
      config: validateConfig({ dataDir: fx.dataDir, printers, demo: { enabled: false } }).config,
      dataDir: fx.dataDir,
      clock: systemClock,
      log: silentLogger(),
    });
    await restarted.start();
    expect(restarted.job(job.id)).toMatchObject({
      state: "needs_confirmation",
      reasonCode: "PRINT_INTERRUPTED",
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(jobBytes()).toBe(0);
    expect(fx.printing.job(job.id).state).toBe("needs_confirmation");
    await restarted.stop();
    db.close();
  });

  it("held back by the printer before a byte left, it is queued again without counting the attempt", async () => {
    endpoint = new PrinterEndpoint();
    const port = await endpoint.listen();
    endpoint.behaviour.paperStatus = 0x72;
    fx = printingFixture([tcpPrinter(port)]);
    await fx.printing.start();
    const job = fx.printing.enqueuePackageData(packageData);
    expect(job.state).toBe("sending");
    const held = await waitForState(
      fx.printing,
      job.id,
      ["queued"],
      (j) => j.reasonCode === "PRINTER_PAPER_OUT",
    );
    expect(held).toMatchObject({ attempts: 0, sentAt: null });
    endpoint.behaviour.paperStatus = 0x12;
    const done = await waitForState(fx.printing, job.id, ["done"]);
    expect(done.attempts).toBe(1);
    expect(jobBytes()).toBe(1);
  });
});
