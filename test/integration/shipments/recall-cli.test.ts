import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cliOk, runCli } from "../../helpers/cli.js";
import {
  DAY,
  type DomainFixture,
  MAY_1,
  openDomainFixture,
  seedTomatoFarm,
} from "../../helpers/domain-fixture.js";

describe("trace-station shipment and recall", () => {
  let f: DomainFixture | undefined;
  let dir = "";
  afterEach(() => {
    f?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("ships from the CLI, refuses a second shipment of a package, and recalls a supplier lot to every buyer", async () => {
    dir = mkdtempSync(join(tmpdir(), "recall-cli-"));
    const data = join(dir, "data");
    f = openDomainFixture({ dir: data });
    const d = f.domain;
    seedTomatoFarm(d);
    const lot = d.incoming.add({ rawCode: "SUP-77", supplier: "甲合作社", receivedAt: MAY_1 - DAY });
    const lots = [0, 1].map(() => {
      const b = d.batches.open({
        productId: "tomato",
        siteIds: ["gh1"],
        windowStart: MAY_1 - DAY,
        incomingIds: [lot.id],
      });
      d.packages.add(b.lot, { netKg: 4, weighedAt: MAY_1 });
      d.packages.add(b.lot, { netKg: 6, weighedAt: MAY_1 });
      return b.lot;
    });
    const [a, b] = lots as [string, string];
    const ship = (...args: string[]) => cliOk(["shipment", "add", "--data", data, "--json", ...args]);
    const first = JSON.parse(
      (
        await ship(
          "--name",
          "海峡批发市场",
          "--id-number",
          "91350100705432128G",
          "--phone",
          "0591-87654321",
          "--market",
          "海峡批发市场",
          "--scan",
          `${a}-001`,
        )
      ).stdout,
    );
    await ship(
      "--name",
      "王小明",
      "--phone",
      "13800138000",
      "--market",
      "东街菜市场",
      "--scan",
      `${a}-002`,
      "--plate",
      "闽A12345",
    );
    await ship(
      "--name",
      "福州一中食堂",
      "--phone",
      "13900000000",
      "--address",
      "福州市鼓楼区",
      "--lot",
      `${b}=10`,
    );

    const twice = await runCli([
      "shipment",
      "add",
      "--data",
      data,
      "--name",
      "别人",
      "--market",
      "西市",
      "--scan",
      `${a}-001`,
    ]);
    expect(twice.status).toBe(1);
    expect(twice.stderr).toContain("SHIPMENT_PACKAGE_SHIPPED");
    expect(twice.stderr).toContain(first.number);

    const stock = JSON.parse((await cliOk(["shipment", "stock", b, "--data", data, "--json"])).stdout);
    expect(stock).toMatchObject({ remainingKg: 0, shippedKg: 10 });

    const report = JSON.parse(
      (await cliOk(["recall", "--incoming", "SUP-77", "--data", data, "--json"])).stdout,
    );
    expect(report.batches.map((x: { lot: string }) => x.lot)).toEqual(lots);
    expect(report.buyers.map((x: { name: string }) => x.name).sort()).toEqual(
      ["王小明", "海峡批发市场", "福州一中食堂"].sort(),
    );
    const text = (await cliOk(["recall", "--batch", a, "--data", data])).stdout;
    for (const s of ["SUP-77", "海峡批发市场", "0591-87654321", "王小明", "13800138000"])
      expect(text).toContain(s);
    expect(text).not.toContain("福州一中食堂");

    const usage = await runCli(["recall", "--data", data]);
    expect(usage.stderr).toContain("SHIPMENT_RECALL_QUERY");
  });
});
