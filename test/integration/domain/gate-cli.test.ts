import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChildStation, spawnStation } from "../../helpers/child-station.js";
import { runCliSync } from "../../helpers/cli.js";
import { removeDir, tempDir } from "../../helpers/station.js";

/**
 * Issue 20 acceptance through the built CLI (dist/) while the station runs on the same data
 * directory, as a technician or supervisor at the box would type it.
 */
let dir: string;
let station: ChildStation | undefined;
const cli = (...args: string[]) => runCliSync([...args, "--data", dir]);
const json = (...args: string[]) => {
  const r = cli(...args, "--json");
  if (r.status !== 0) throw new Error(`${args.join(" ")} → ${r.status}: ${r.stderr}${r.stdout}`);
  return JSON.parse(r.stdout) as Record<string, any>;
};
const spray = (site: string, name: string, at: string, ...extra: string[]) =>
  json(
    "input",
    "add",
    "--site",
    site,
    "--kind",
    "pesticide",
    "--name",
    name,
    "--amount",
    "30",
    "--unit",
    "mL",
    "--interval",
    "0",
    "--operator",
    "张三",
    "--at",
    at,
    ...extra,
  );
const closedBatch = (product: string, site: string, harvest: string) => {
  const lot = String(
    json("batch", "open", "--product", product, "--site", site, "--from", "2026-04-01 00:00").lot,
  );
  json("batch", "weigh", lot, "--net", "5");
  json("batch", "close", lot, "--harvest", harvest);
  return lot;
};

beforeAll(async () => {
  dir = tempDir("gate-cli");
  station = await spawnStation(["--data", dir]);
  json(
    "subject",
    "set",
    "--name",
    "绿源合作社",
    "--kind",
    "producer",
    "--id",
    "91350100M000100Y43",
    "--origin",
    "福建福州",
    "--contact",
    "0591-12345678",
  );
  json("product", "add", "cucumber", "--name", "黄瓜", "--category", "vegetables", "--crop", "黄瓜");
  json("product", "add", "rice", "--name", "稻谷", "--category", "other", "--crop", "水稻");
  json("product", "add", "eggs", "--name", "鸡蛋", "--category", "eggs");
  for (const s of ["gh1", "gh2", "gh3", "p1", "coop"])
    json("site", "add", s, "--name", s, "--kind", "greenhouse");
}, 60_000);

afterAll(async () => {
  station?.process.kill("SIGTERM");
  await station?.exited;
  removeDir(dir);
});

describe("the gate through the CLI of a running station", () => {
  it("reads a typed time without offset in the station's zone", () => {
    const input = spray("gh1", "乐斯本", "2026-05-03 07:00");
    expect(input.appliedAt).toBe(Date.parse("2026-05-03T07:00:00+08:00"));
    const bad = cli(
      "input",
      "add",
      "--site",
      "gh1",
      "--kind",
      "pesticide",
      "--name",
      "x",
      "--amount",
      "1",
      "--unit",
      "mL",
      "--interval",
      "0",
      "--operator",
      "张三",
      "--at",
      "May 3rd",
    );
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain("TIME_INVALID");
  });

  it("names the substance behind a trade name", () => {
    const lot = closedBatch("cucumber", "gh1", "2026-05-10 09:00");
    const check = cli("cert", "check", lot, "--basis", "quality_control");
    expect(check.status).toBe(1);
    expect(check.stdout).toContain("乐斯本（毒死蜱）禁止在蔬菜上使用");
  });

  it("describes a product once in the registry; a record with only its number resolves to it", () => {
    expect(
      json(
        "input",
        "product",
        "PD20110123",
        "--name",
        "速灭杀丁",
        "--kind",
        "pesticide",
        "--active",
        "氰戊菊酯",
      ),
    ).toMatchObject({
      ingredients: ["氰戊菊酯"],
      source: "set",
    });
    expect(cli("input", "products").stdout).toContain("PD20110123");
    const input = spray("gh1", "某菊酯", "2026-05-02 08:00", "--reg-no", "PD20110123");
    expect(input.regNo).toBe("PD20110123");
    json("product", "add", "tea", "--name", "鲜茶叶", "--category", "fresh_tea");
    const lot = closedBatch("tea", "gh1", "2026-05-10 09:00");
    expect(cli("cert", "check", lot, "--basis", "quality_control").stdout).toContain(
      "某菊酯（氰戊菊酯）禁止在茶叶上使用",
    );
  });

  it("resolves a label QR through the product registry", () => {
    spray("p1", "好年冬", "2026-04-20 08:00", "--reg-no", "PD20097788", "--active", "丁硫克百威");
    const input = spray("gh2", "杀虫剂", "2026-05-01 08:00", "--label-qr", `1097788${"0".repeat(25)}`);
    expect(input.regNo).toBe("PD20097788");
    const lot = closedBatch("cucumber", "gh2", "2026-05-10 09:00");
    expect(cli("cert", "check", lot, "--basis", "quality_control").stdout).toContain("杀虫剂（丁硫克百威）");
  });

  it("applies 克百威's ban from 2026-06-01 by harvest day (公告第736号)", () => {
    spray("p1", "呋喃丹", "2026-04-25 08:00");
    const before = closedBatch("rice", "p1", "2026-05-31 09:00");
    expect(cli("cert", "check", before, "--basis", "quality_control").status).toBe(0);
    const after = closedBatch("rice", "p1", "2026-06-02 09:00");
    const check = cli("cert", "check", after, "--basis", "quality_control");
    expect(check.status).toBe(1);
    expect(check.stdout).toContain("农业农村部公告第736号");
  });

  it("refuses eggs from hens given a drug not for layers", () => {
    json(
      "input",
      "add",
      "--site",
      "coop",
      "--kind",
      "vet_drug",
      "--name",
      "盐霉素钠预混剂",
      "--amount",
      "1",
      "--unit",
      "g",
      "--interval",
      "5",
      "--operator",
      "张三",
      "--at",
      "2026-04-20 08:00",
    );
    const lot = closedBatch("eggs", "coop", "2026-05-10 09:00");
    expect(cli("cert", "check", lot, "--basis", "quality_control").stdout).toContain("产蛋期禁用");
  });

  it("says 不能开证 when a batch without sites is opened", () => {
    const opened = json("batch", "open", "--product", "cucumber", "--from", "2026-05-01 00:00");
    expect(opened.gate.ok).toBe(false);
    expect(opened.gate.text).toContain("不能开证：");
    expect(opened.gate.text).toContain("批次没有地块");
    const human = cli("batch", "open", "--product", "cucumber", "--from", "2026-05-01 00:00");
    expect(human.stdout).toContain("不能开证：");
  });

  it("shows an override as 主管放行 in cert show, and later evidence as 待复核 until a supervisor clears it", () => {
    spray("gh3", "神农一号", "2026-05-01 08:00");
    const lot = closedBatch("cucumber", "gh3", "2026-05-10 09:00");
    const issued = json(
      "cert",
      "issue",
      lot,
      "--basis",
      "quality_control",
      "--supervisor",
      "李主管",
      "--reason",
      "经检测为生物制剂",
    );
    const number = String(issued.certificate.number);
    const shown = cli("cert", "show", number);
    expect(shown.stdout).toContain("主管放行");
    expect(shown.stdout).toContain("成分未知：神农一号");
    expect(shown.stdout).toMatch(/李主管（cli:[^）]+）/);
    expect(shown.stdout).toContain("复检规则");
    spray("gh3", "40%氧乐果乳油", "2026-05-05 08:00");
    const review = json("cert", "show", number);
    expect(review.status).toBe("review");
    expect(cli("cert", "show", number).stdout).toContain("待复核");
    expect(json("cert", "clear-review", number, "--reason", "复核：喷雾器记录有误").status).toBe("valid");
    const voided = json("cert", "void", number, "--reason", "重新开具");
    expect(voided.voidedBy).toMatch(/^cli:/);
  });

  it("refuses an invalid time zone when the config loads", () => {
    const config = join(dir, "bad-zone.json");
    writeFileSync(config, JSON.stringify({ version: 1, station: { timezone: "Asia/Shanghia" } }));
    const r = runCliSync(["cert", "list", "--config", config, "--data", dir]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("/station/timezone");
  });
});
