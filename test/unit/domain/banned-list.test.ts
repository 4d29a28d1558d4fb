import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  entriesIn,
  loadBannedList,
  SHIPPED_VET_LIST_FILE,
  scopesOf,
} from "../../../edge/domain/compliance/banned-list.js";

const list = loadBannedList();

describe("shipped banned/restricted pesticide list", () => {
  it("is versioned data with its source and date", () => {
    expect(list.version).toBeTruthy();
    expect(list.source).toContain("禁限用农药名录");
    expect(list.sourceDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("holds the 2019 list's 46 banned outright plus later additions, and its 20 crop-scoped restrictions", () => {
    expect(list.banned.length).toBeGreaterThanOrEqual(46);
    expect(list.restricted.length).toBeGreaterThanOrEqual(20);
    const banned = list.banned.map((e) => e.name);
    for (const name of ["六六六", "甲胺磷", "百草枯", "氟虫胺", "杀扑磷"]) expect(banned).toContain(name);
  });

  it("has the crop scopes DOMAIN.md §4 names", () => {
    const scope = (name: string) => list.restricted.find((e) => e.name === name)?.notOn;
    for (const n of ["甲拌磷", "甲基异柳磷", "克百威", "水胺硫磷", "氧乐果", "灭多威", "涕灭威", "灭线磷"]) {
      expect(scope(n), n).toEqual(expect.arrayContaining(["vegetables", "fruit", "tea", "fungi", "herbs"]));
    }
    expect(scope("毒死蜱")).toEqual(["vegetables"]);
    expect(scope("三唑磷")).toEqual(["vegetables"]);
    expect(scope("氰戊菊酯")).toEqual(["tea"]);
    expect(scope("丁酰肼")).toEqual(["peanut"]);
    expect(scope("氟虫腈")).toEqual(["all_crops"]);
  });

  it("refuses a list file that names an undefined scope or lacks its source", () => {
    const dir = mkdtempSync(join(tmpdir(), "banned-"));
    try {
      const bad = { ...list, restricted: [{ name: "x", aliases: [], source: "测试公告", notOn: ["moon"] }] };
      writeFileSync(join(dir, "a.json"), JSON.stringify(bad));
      expect(() => loadBannedList(join(dir, "a.json"))).toThrow(/moon/);
      const { source: _s, ...noSource } = list;
      writeFileSync(join(dir, "b.json"), JSON.stringify(noSource));
      expect(() => loadBannedList(join(dir, "b.json"))).toThrow(/source/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("shipped list of drugs banned for food animals", () => {
  it("is versioned data in the same format, with β-agonists, chloramphenicol, nitrofurans and malachite green", () => {
    const vet = loadBannedList(undefined, SHIPPED_VET_LIST_FILE);
    expect(vet.source).toContain("第250号");
    const names = vet.banned.map((e) => e.name);
    for (const n of ["克仑特罗", "莱克多巴胺", "氯霉素", "呋喃唑酮", "孔雀石绿"]) expect(names).toContain(n);
    expect(entriesIn(vet.banned, "Ractopamine HCl").map((e) => e.name)).toEqual(["莱克多巴胺"]);
  });
});

describe("matching inputs against the list", () => {
  it("finds substances in product names and English actives, longest name first", () => {
    expect(entriesIn(list.restricted, "40%毒死蜱乳油").map((e) => e.name)).toEqual(["毒死蜱"]);
    expect(entriesIn(list.restricted, "Chlorpyrifos 480 EC").map((e) => e.name)).toEqual(["毒死蜱"]);
    expect(entriesIn(list.restricted, "20%丁硫克百威").map((e) => e.name)).toEqual(["丁硫克百威"]);
    expect(entriesIn(list.restricted, "40%氧乐果").map((e) => e.name)).toEqual(["氧乐果"]);
    expect(entriesIn(list.banned, "50%甲基对硫磷").map((e) => e.name)).toEqual(["甲基对硫磷"]);
    expect(entriesIn(list.banned, "10%联苯菊酯乳油")).toEqual([]);
  });

  it("puts products in scopes by category and crop name", () => {
    expect(scopesOf(list, "vegetables", ["番茄"])).toEqual(
      expect.arrayContaining(["vegetables", "all_crops"]),
    );
    expect(scopesOf(list, "fresh_tea", [null])).toContain("tea");
    expect(scopesOf(list, "other", ["花生"])).toContain("peanut");
    expect(scopesOf(list, "livestock", ["猪"])).toEqual([]);
  });
});
