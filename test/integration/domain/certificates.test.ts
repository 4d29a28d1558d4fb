import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { isStationError } from "../../../edge/core/station-error.js";
import { checkLotCode, mod3736Verify } from "../../../edge/domain/codes/lot-code.js";
import type { Domain } from "../../../edge/domain/domain.js";
import {
  DAY,
  type DomainFixture,
  MAY_1,
  openDomainFixture,
  seedTomatoFarm,
} from "../../helpers/domain-fixture.js";
import { removeDir, tempDir } from "../../helpers/station.js";

let f: DomainFixture | undefined;
const dirs: string[] = [];
afterEach(() => {
  f?.close();
  f = undefined;
  for (const d of dirs.splice(0)) removeDir(d);
});

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (isStationError(err)) return err.code;
    throw err;
  }
  return "none";
}

function issueOne(d: Domain, harvestAt = MAY_1 + 10 * DAY) {
  const b = d.batches.open({ productId: "tomato", siteIds: ["gh1"], windowStart: MAY_1 });
  d.packages.add(b.lot, { netKg: 2.5, weighedAt: harvestAt });
  d.packages.add(b.lot, { netKg: 2.25, weighedAt: harvestAt });
  d.batches.close(b.lot, { harvestAt });
  return d.certificates.issue({ lot: b.lot, basis: ["quality_control"], issuedBy: "张三" }).certificate;
}

interface IssuerRun {
  ready: Promise<void>;
  go(): void;
  done: Promise<IssuerResult>;
}

interface IssuerResult {
  lots: string[];
  numbers: string[];
  startedAt: number;
  endedAt: number;
}

/** Start an issuer process; it waits after opening the database until `go()`. */
function startIssuer(dir: string, count: number): IssuerRun {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "test/helpers/domain-issuer.ts", dir, String(count)],
    {
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  let out = "";
  let err = "";
  let onReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    onReady = resolve;
  });
  child.stdout.on("data", (c: Buffer) => {
    out += c.toString();
    if (out.startsWith("ready\n")) onReady();
  });
  child.stderr.on("data", (c: Buffer) => {
    err += c.toString();
  });
  const done = new Promise<IssuerResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(out.slice("ready\n".length)))
        : reject(new Error(`issuer exited ${code}: ${err}`)),
    );
  });
  return { ready, go: () => child.stdin.write("go\n"), done };
}

describe("certificates", () => {
  it("take quantity from the packages, and can be voided with a reason and reprinted (counted)", () => {
    f = openDomainFixture();
    seedTomatoFarm(f.domain);
    const cert = issueOne(f.domain);
    expect(cert).toMatchObject({
      quantity: 4.75,
      unit: "kg",
      packageCount: 2,
      reprintCount: 0,
      issuedBy: "张三",
    });
    expect(cert.content).toMatchObject({
      subjectName: "绿源蔬菜专业合作社",
      origin: "福建省福州市",
      quantity: 4.75,
    });
    expect(f.domain.certificates.reprint(cert.number).reprintCount).toBe(1);
    expect(f.domain.certificates.reprint(cert.number).reprintCount).toBe(2);
    expect(codeOf(() => f?.domain.certificates.void(cert.number, ""))).toBe("DOMAIN_INVALID");
    const voided = f.domain.certificates.void(cert.number, "数量填错 / wrong quantity");
    expect(voided).toMatchObject({ status: "void", voidReason: "数量填错 / wrong quantity" });
    expect(codeOf(() => f?.domain.certificates.reprint(cert.number))).toBe("DOMAIN_CERT_VOID");
    expect(codeOf(() => f?.domain.certificates.void(cert.number, "again"))).toBe("DOMAIN_CERT_VOID");
    const kinds = f.db
      .prepare("SELECT record_id FROM outbox WHERE stream = 'certificates' ORDER BY id")
      .pluck()
      .all();
    expect(kinds).toEqual([
      `cert:${cert.number}`,
      `cert:${cert.number}:reprint:1`,
      `cert:${cert.number}:reprint:2`,
      `cert:${cert.number}:void`,
    ]);
  });

  it("are refused for an open batch and for a batch without packages", () => {
    f = openDomainFixture();
    seedTomatoFarm(f.domain);
    const b = f.domain.batches.open({ productId: "tomato", siteIds: ["gh1"], windowStart: MAY_1 });
    expect(codeOf(() => f?.domain.certificates.issue({ lot: b.lot, basis: ["quality_control"] }))).toBe(
      "DOMAIN_BATCH_STATE",
    );
    f.domain.batches.close(b.lot, { harvestAt: MAY_1 + DAY });
    expect(codeOf(() => f?.domain.certificates.issue({ lot: b.lot, basis: ["quality_control"] }))).toBe(
      "DOMAIN_NO_PACKAGES",
    );
  });

  it("keep their records two years: deletion before is refused by the repository and by the database", () => {
    f = openDomainFixture();
    seedTomatoFarm(f.domain);
    const recent = issueOne(f.domain);
    expect(codeOf(() => f?.domain.certificates.remove(recent.number))).toBe("DOMAIN_CERT_RETENTION");
    f.clock.now = Date.now();
    expect(() =>
      f?.db.prepare("DELETE FROM domain_certificates WHERE number = ?").run(recent.number),
    ).toThrow(/DOMAIN_CERT_RETENTION/);
    // An old record (issued three years before now) may go.
    const b = f.domain.batches.open({ productId: "tomato", siteIds: ["gh1"], windowStart: MAY_1 });
    f.domain.packages.add(b.lot, { netKg: 1, weighedAt: MAY_1 });
    f.domain.batches.close(b.lot, { harvestAt: MAY_1 });
    const old = f.domain.certificates.issue({
      lot: b.lot,
      basis: ["quality_control"],
      issuedAt: Date.now() - 3 * 365 * DAY,
    });
    f.domain.certificates.remove(old.certificate.number);
    expect(f.domain.certificates.get(old.certificate.number)).toBeUndefined();
  });
});

describe("lot codes and certificate numbers are unique and never reused", () => {
  it("across restarts: the sequences continue from the database", () => {
    const dir = tempDir("domain-restart");
    dirs.push(dir);
    let fx = openDomainFixture({ dir });
    seedTomatoFarm(fx.domain);
    const first = issueOne(fx.domain);
    fx.domain.certificates.void(first.number, "作废测试");
    fx.close();
    fx = openDomainFixture({ dir });
    const second = issueOne(fx.domain);
    fx.close();
    expect(first.lot).toBe("ST01-260501-0001-7");
    expect(second.lot).toMatch(/^ST01-260501-0002-[0-9A-Z]$/);
    expect(first.number).toMatch(/^ST01-HG000001-/);
    expect(second.number).toMatch(/^ST01-HG000002-/);
  });

  it("across two processes issuing at once into the same data directory", async () => {
    const dir = tempDir("domain-concurrent");
    dirs.push(dir);
    const fx = openDomainFixture({ dir });
    seedTomatoFarm(fx.domain);
    fx.close();
    const perProcess = 40;
    const runs = [startIssuer(dir, perProcess), startIssuer(dir, perProcess)];
    await Promise.all(runs.map((r) => r.ready));
    for (const r of runs) r.go();
    const [a, b] = await Promise.all(runs.map((r) => r.done));
    const lots = [...(a?.lots ?? []), ...(b?.lots ?? [])];
    const numbers = [...(a?.numbers ?? []), ...(b?.numbers ?? [])];
    expect(new Set(lots).size).toBe(2 * perProcess);
    expect(new Set(numbers).size).toBe(2 * perProcess);
    for (const lot of lots) expect(checkLotCode(lot)).toEqual({ ok: true });
    for (const n of numbers) expect(mod3736Verify(n.replaceAll("-", ""))).toBe(true);
    // Both were issuing at the same time (SQLite serialises their transactions on its lock).
    expect(Math.max(a?.startedAt ?? 0, b?.startedAt ?? 0)).toBeLessThan(
      Math.min(a?.endedAt ?? 0, b?.endedAt ?? 0),
    );
    // No gaps either: the counters advanced once per committed record.
    const seqs = numbers.map((n) => Number(n.split("-")[1]?.slice(2))).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 2 * perProcess }, (_, i) => i + 1));
  }, 60_000);
});
