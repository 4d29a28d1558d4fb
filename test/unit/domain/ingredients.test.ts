import { describe, expect, it } from "vitest";
import { loadSynonymTable, Synonyms } from "../../../edge/domain/compliance/synonyms.js";

const synonyms = new Synonyms(loadSynonymTable());

describe("shipped synonym table", () => {
  it("cites a source for every ingredient and gives the enzyme screen's classes", () => {
    for (const e of synonyms.table.ingredients) expect(e.source.length, e.name).toBeGreaterThan(3);
    expect(synonyms.exact("乐斯本")?.name).toBe("毒死蜱");
    expect(synonyms.exact("chlorpyrifos")?.class).toBe("organophosphate");
    expect(synonyms.exact("呋喃丹")?.class).toBe("carbamate");
    expect(synonyms.exact("阿维菌素")?.class).toBe("avermectin");
  });

  it("finds ingredients in product names, the longer name winning", () => {
    const names = (text: string) => synonyms.inText(text).map((e) => e.name);
    expect(names("40%氧化乐果乳油")).toEqual(["氧乐果"]);
    expect(names("20%丁硫克百威")).toEqual(["丁硫克百威"]);
    expect(names("1.8%阿维·高氯 (阿维菌素+高效氯氰菊酯)")).toEqual(
      expect.arrayContaining(["阿维菌素", "高效氯氰菊酯"]),
    );
    // Old numeric codes only as whole tokens: 3911 is 甲拌磷, a lot number 139118 is not.
    expect(names("3911乳油")).toEqual(["甲拌磷"]);
    expect(names("批号 139118")).toEqual([]);
  });
});
