import { describe, expect, it } from "vitest";
import { removeDir, startTestStation, tempDir } from "../../helpers/station.js";

describe("the embedded demo", () => {
  it("gives an empty station a subject, a product and a site, so a batch can be opened at once", async () => {
    const t = await startTestStation({ demo: { enabled: true } });
    const { master } = t.station.domain;
    expect(master.subject()?.name).toContain("演示");
    expect(master.products().map((p) => p.id)).toEqual(["tomato"]);
    expect(master.sites().map((s) => s.id)).toEqual(["gh1"]);
    const batch = t.station.domain.batches.open({
      productId: "tomato",
      siteIds: ["gh1"],
      windowStart: Date.UTC(2026, 2, 1),
    });
    expect(batch.lot).toMatch(/^ST01-/);
    await t.stop();
    removeDir(t.dataDir);
  });

  it("never touches a station that has master data of its own", async () => {
    const dir = tempDir("demo-own");
    const first = await startTestStation({ demo: { enabled: false } }, {}, dir);
    first.station.domain.master.putProduct({ id: "apple", name: "苹果", category: "fruit", unit: "kg" });
    await first.stop();
    const again = await startTestStation({ demo: { enabled: true } }, {}, dir);
    expect(again.station.domain.master.products().map((p) => p.id)).toEqual(["apple"]);
    expect(again.station.domain.master.subject()).toBeUndefined();
    await again.stop();
    removeDir(dir);
  });
});
