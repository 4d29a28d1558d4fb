import { afterEach, describe, expect, it } from "vitest";
import { sparkline } from "../../../edge/http/svg-chart.js";
import { renderTracePage } from "../../../edge/http/trace-page.js";
import {
  DAY,
  type DomainFixture,
  MAY_1,
  openDomainFixture,
  seedTomatoFarm,
} from "../../helpers/domain-fixture.js";

let f: DomainFixture | undefined;
afterEach(() => f?.close());

describe("trace page", () => {
  it("escapes every record value and shows certificate state, inputs with their safe day", () => {
    f = openDomainFixture();
    const { domain } = f;
    seedTomatoFarm(domain);
    domain.master.putProduct({
      id: "tomato",
      name: '番茄 <img src=x onerror="alert(1)">',
      category: "vegetables",
      crop: "番茄",
    });
    const batch = domain.batches.open({
      productId: "tomato",
      siteIds: ["gh1"],
      windowStart: MAY_1 - 20 * DAY,
    });
    domain.inputs.add({
      siteId: "gh1",
      kind: "pesticide",
      name: "阿维菌素",
      regNo: "PD20080005",
      amount: 0.1,
      unit: "L",
      intervalDays: 7,
      operator: "王",
      appliedAt: MAY_1 - 10 * DAY,
    });
    const pkg = domain.packages.add(batch.lot, { netKg: 2.5, weighedAt: MAY_1 });
    domain.batches.close(batch.lot, { harvestAt: MAY_1 });
    const { certificate } = domain.certificates.issue({ lot: batch.lot, basis: ["quality_control"] });
    domain.certificates.void(certificate.number, "数量填错");
    const html = renderTracePage(domain.traceRecord(batch.lot), { package: pkg }, "Asia/Shanghai");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).toContain("合格证已作废");
    expect(html).toContain("数量填错");
    // Applied 2026-04-21, 7-day interval: safe from 2026-04-28.
    expect(html).toContain("≥ 2026-04-28");
    expect(html).toContain('class="mine"');
    expect(html).not.toMatch(/<script/i);
  });

  it("draws a chart only when there are at least two points", () => {
    expect(sparkline([{ t: 0, min: 1, mean: 2, max: 3 }], "t", "°C")).toBe("");
    const svg = sparkline(
      [
        { t: 0, min: 1, mean: 2, max: 3 },
        { t: 3_600_000, min: 2, mean: 3, max: 4 },
      ],
      "空气温度",
      "°C",
    );
    expect(svg).toMatch(/^<svg class="spark"/);
    expect(svg).toContain("空气温度 1.00–4.00 °C");
  });
});
