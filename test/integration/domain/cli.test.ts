import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliSync } from "../../helpers/cli.js";
import { removeDir, tempDir } from "../../helpers/station.js";

/** The headless flow through the built CLI (dist/), each command with --json, on a real data directory. */
let dir: string;
const cli = (...args: string[]) => runCliSync([...args, "--data", dir]);
const json = (...args: string[]) => {
  const r = cli(...args, "--json");
  if (r.status !== 0) throw new Error(`${args.join(" ")} → ${r.status}: ${r.stderr}${r.stdout}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
};

beforeAll(() => {
  dir = tempDir("domain-cli");
});
afterAll(() => removeDir(dir));

describe("domain CLI", () => {
  let lot = "";

  it("sets master data, refusing a credit code with a wrong check character", () => {
    const bad = cli(
      "subject",
      "set",
      "--name",
      "绿源合作社",
      "--kind",
      "producer",
      "--id",
      "91350100M000100Y44",
    );
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("DOMAIN_INVALID");
    expect(
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
      ),
    ).toMatchObject({ idKind: "credit_code" });
    expect(
      json(
        "product",
        "add",
        "tomato",
        "--name",
        "番茄",
        "--category",
        "vegetables",
        "--gtin",
        "6901234567892",
      ),
    ).toMatchObject({
      gtin: "6901234567892",
    });
    expect(
      cli("product", "add", "x", "--name", "x", "--category", "vegetables", "--gtin", "6901234567893").status,
    ).toBe(1);
    expect(json("site", "add", "gh1", "--name", "1号温室", "--kind", "greenhouse")).toMatchObject({
      id: "gh1",
    });
  });

  it("opens a batch, records an input and packages, closes it", () => {
    const b = json(
      "batch",
      "open",
      "--product",
      "tomato",
      "--site",
      "gh1",
      "--from",
      "2026-04-01T00:00:00+08:00",
    );
    lot = String(b.lot);
    expect(lot).toMatch(/^ST01-\d{6}-0001-[0-9A-Z]$/);
    const input = json(
      "input",
      "add",
      "--site",
      "gh1",
      "--kind",
      "pesticide",
      "--name",
      "10%联苯菊酯乳油",
      "--reg-no",
      "PDN2-88",
      "--amount",
      "30",
      "--unit",
      "mL",
      "--interval",
      "4",
      "--operator",
      "张三",
      "--at",
      "2026-05-01T09:00:00+08:00",
    );
    expect(input).toMatchObject({ regNoStatus: "legacy" });
    expect(String(input.warning)).toContain("旧式");
    expect(json("batch", "weigh", lot, "--net", "5.5")).toMatchObject({
      seq: 1,
      netKg: 5.5,
      source: "manual",
    });
    expect(json("batch", "weigh", lot, "--net", "4.5")).toMatchObject({ seq: 2 });
    expect(json("batch", "close", lot, "--harvest", "2026-05-03T09:00:00+08:00")).toMatchObject({
      status: "closed",
    });
    expect(cli("batch", "weigh", lot, "--net", "1").stderr).toContain("DOMAIN_BATCH_STATE");
  });

  it("shows the gate's blocks, then issues with a supervisor override, voids and shows", () => {
    const check = cli("cert", "check", lot, "--basis", "质量安全控制符合要求", "--json");
    expect(check.status).toBe(1);
    expect(JSON.parse(check.stdout).blocks[0]).toMatchObject({ kind: "interval", earliestDay: "2026-05-05" });
    const blocked = cli("cert", "issue", lot, "--basis", "quality_control", "--json");
    expect(blocked.status).toBe(1);
    expect(JSON.parse(blocked.stdout)).toMatchObject({ ok: false, code: "DOMAIN_COMPLIANCE_BLOCKED" });
    const issued = json(
      "cert",
      "issue",
      lot,
      "--basis",
      "自我承诺",
      "--supervisor",
      "李四",
      "--reason",
      "复检合格，准予放行",
    );
    const cert = issued.certificate as { number: string; quantity: number; overrideId: number };
    expect(cert.quantity).toBe(10);
    expect(cert.overrideId).toBeGreaterThan(0);
    expect(json("cert", "reprint", cert.number)).toMatchObject({ reprintCount: 1 });
    expect(json("cert", "void", cert.number, "--reason", "数量有误")).toMatchObject({ status: "void" });
    expect(json("cert", "show", cert.number)).toMatchObject({ number: cert.number, voidReason: "数量有误" });
  });

  it("prints the batch's trace record and lists batches", () => {
    const record = json("batch", "show", lot);
    expect(record).toMatchObject({
      version: 1,
      codes: { lot, gtin: "6901234567892" },
      totals: { packageCount: 2, netKg: 10 },
    });
    expect((record.inputs as unknown[]).length).toBe(1);
    expect((record.certificates as unknown[]).length).toBe(1);
    const list = cli("batch", "list", "--json");
    expect(
      list.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).lot),
    ).toEqual([lot]);
    const test = json(
      "test",
      "add",
      "--sample",
      "番茄",
      "--method",
      "NY/T 448",
      "--inhibition",
      "55",
      "--batch",
      lot,
    );
    expect(test).toMatchObject({ result: "positive", threshold: 50 });
  });

  it("rebuilds hourly rollups from stored readings", () => {
    expect(json("rollups", "rebuild")).toMatchObject({ days: 0, deviceRows: 0, siteRows: 0 });
  });
});
