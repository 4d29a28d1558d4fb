import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Value } from "@sinclair/typebox/value";
import { isStationError, type StationError } from "../../edge/core/station-error.js";
import type { DomainConfig } from "../../edge/domain/config-schema.js";
import { DomainSection } from "../../edge/domain/config-schema.js";
import { createDomain, type Domain } from "../../edge/domain/domain.js";
import { type Database, openDatabase } from "../../edge/store/database.js";

/** A real SQLite file in a temp dir with the full schema, a domain over it and a settable clock. */
export interface DomainFixture {
  dir: string;
  db: Database;
  domain: Domain;
  clock: { now: number };
  close(): void;
}

export const DAY = 86_400_000;
/** 2026-05-01T08:00:00+08:00 */
export const MAY_1 = Date.parse("2026-05-01T08:00:00+08:00");

export function defaultDomainConfig(): DomainConfig {
  return Value.Default(DomainSection, {}) as DomainConfig;
}

export function openDomainFixture(
  options: { dir?: string; code?: string; now?: number } = {},
): DomainFixture {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "domain-"));
  const db = openDatabase(dir);
  const clock = { now: options.now ?? MAY_1 };
  const domain = createDomain(db, {
    station: { code: options.code ?? "ST01", name: "测试站", timezone: "Asia/Shanghai" },
    config: defaultDomainConfig(),
    now: () => clock.now,
  });
  return {
    dir,
    db,
    domain,
    clock,
    close() {
      db.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Subject, a tomato product and a greenhouse: the minimum a batch needs. */
export function seedTomatoFarm(domain: Domain): void {
  domain.master.setSubject({
    name: "绿源蔬菜专业合作社",
    kind: "producer",
    idNumber: "91350100M000100Y43",
    originRegion: "福建省福州市",
    contact: "0591-12345678",
  });
  domain.master.putProduct({ id: "tomato", name: "番茄", category: "vegetables", crop: "番茄", unit: "kg" });
  domain.master.putSite({ id: "gh1", name: "1号温室", kind: "greenhouse" });
}

/** The StationError a call throws (fails the test when it throws nothing or something else). */
export function caught(fn: () => unknown): StationError {
  try {
    fn();
  } catch (err) {
    if (isStationError(err)) return err;
    throw err;
  }
  throw new Error("expected a StationError");
}

/** A closed batch on `site` harvested at `harvestAt`, with one 5 kg package. */
export function harvestedBatch(d: Domain, productId: string, site: string, harvestAt: number): string {
  const b = d.batches.open({ productId, siteIds: [site], windowStart: MAY_1 - 60 * DAY });
  d.packages.add(b.lot, { netKg: 5, weighedAt: harvestAt });
  d.batches.close(b.lot, { harvestAt });
  return b.lot;
}

/** Bifenthrin 10% EC on greenhouse gh1 on 1 May, 4-day interval (DOMAIN.md §4). */
export function sprayBifenthrin(d: Domain): void {
  d.inputs.add({
    siteId: "gh1",
    kind: "pesticide",
    name: "10%联苯菊酯乳油",
    regNo: "PD20080005",
    activeIngredient: "联苯菊酯",
    amount: 30,
    unit: "mL",
    intervalDays: 4,
    operator: "张三",
    crop: "番茄",
    appliedAt: MAY_1,
  });
}
