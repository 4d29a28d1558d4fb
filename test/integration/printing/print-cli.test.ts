import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { PrintJob } from "../../../edge/printing/print-job-store.js";
import { runCli } from "../../helpers/cli.js";
import {
  DAY,
  type DomainFixture,
  MAY_1,
  openDomainFixture,
  seedTomatoFarm,
} from "../../helpers/domain-fixture.js";
import { PrinterEndpoint } from "../../helpers/printer-endpoint.js";
import { tcpPrinter } from "../../helpers/printing-fixture.js";

let f: DomainFixture | undefined;
let endpoint: PrinterEndpoint | undefined;

afterEach(async () => {
  f?.close();
  f = undefined;
  await endpoint?.close();
  endpoint = undefined;
});

describe("print and printers commands", () => {
  it("queues a package label, refuses a silent second print, takes an explicit reprint", async () => {
    f = openDomainFixture({ now: MAY_1 + 10 * DAY });
    seedTomatoFarm(f.domain);
    const batch = f.domain.batches.open({ productId: "tomato", siteIds: ["gh1"], windowStart: MAY_1 });
    const pkg = f.domain.packages.add(batch.lot, { netKg: 3, weighedAt: MAY_1 + 10 * DAY });
    const data = ["--data", f.dir];
    const first = await runCli(["print", "label", "--package", pkg.serial, "--wait", "0", "--json", ...data]);
    expect(first.status, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      kind: "package",
      ref: pkg.serial,
      state: "queued",
      reprint: false,
    });
    const again = await runCli(["print", "label", "--package", pkg.serial, "--wait", "0", ...data]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("PRINT_ALREADY_PRINTED");
    const reprint = await runCli([
      "print",
      "label",
      "--package",
      pkg.serial,
      "--reprint",
      "--wait",
      "0",
      ...data,
    ]);
    expect(reprint.status, reprint.stderr).toBe(0);
    expect(reprint.stdout).toContain("补打/reprint");
    const missing = await runCli(["print", "cert", "--number", "NOPE", "--wait", "0", ...data]);
    expect(missing.stderr).toContain("PRINT_RECORD_NOT_FOUND");
    const list = await runCli(["print", "jobs", "--json", ...data]);
    const jobs = list.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as PrintJob);
    expect(jobs.map((j) => j.reprint)).toEqual([true, false]);
    const cancel = await runCli([
      "print",
      "cancel",
      "--job",
      String(jobs[0]?.id),
      "--by",
      "张三",
      "--json",
      ...data,
    ]);
    expect(JSON.parse(cancel.stdout)).toMatchObject({
      state: "failed",
      reasonCode: "PRINT_CANCELLED",
      resolvedBy: "张三",
    });
  });

  it("printers reports paper out with its code and a failing exit status", async () => {
    endpoint = new PrinterEndpoint();
    await endpoint.listen();
    endpoint.behaviour.paperStatus = 0x72;
    f = openDomainFixture();
    const configFile = join(f.dir, "station.json");
    writeFileSync(configFile, JSON.stringify({ dataDir: f.dir, printers: [tcpPrinter(endpoint.port)] }));
    const out = await runCli(["printers", "--config", configFile, "--json"]);
    expect(out.status).toBe(1);
    expect(JSON.parse(out.stdout)).toMatchObject({ name: "p1", ready: false, code: "PRINTER_PAPER_OUT" });
    endpoint.behaviour.paperStatus = 0x12;
    const human = await runCli(["printers", "--config", configFile]);
    expect(human.status, human.stderr).toBe(0);
    expect(human.stdout).toContain("就绪 / ready");
  });
});
