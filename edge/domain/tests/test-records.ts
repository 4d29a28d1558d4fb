import "../domain-codes.js";
import type { Database } from "better-sqlite3";
import { StationError } from "../../core/station-error.js";
import type { ScreenThreshold } from "../config-schema.js";
import { validateRecord } from "../domain-error.js";
import type { DomainEvents } from "../domain-events.js";
import type { RecordOrigin } from "../inputs/input-records.js";
import { insertOnce } from "../insert-once.js";
import type { TestRecord, TestResult } from "../records.js";
import { camelRow } from "../row-mapping.js";
import { NewTest } from "../schemas.js";

/** Find the configured threshold for a method by its name or one of its aliases (case-insensitive). */
export function thresholdFor(
  thresholds: readonly ScreenThreshold[],
  method: string,
): ScreenThreshold | undefined {
  const m = method.trim().toLowerCase();
  return thresholds.find((t) => t.method.toLowerCase() === m || t.aliases.some((a) => a.toLowerCase() === m));
}

/**
 * Result of a screen: as given, or derived from the inhibition with the method's threshold
 * (GB/T 5009.199-2003: ≥ 50 % positive). Without either, the record cannot be judged.
 */
export function screenResult(
  thresholds: readonly ScreenThreshold[],
  method: string,
  inhibition: number | undefined,
  given: TestResult | undefined,
): { result: TestResult; threshold: number | null } {
  const t = thresholdFor(thresholds, method);
  const threshold = t?.positiveAtOrAbove ?? null;
  if (given) return { result: given, threshold };
  if (inhibition !== undefined && threshold !== null) {
    return { result: inhibition >= threshold ? "positive" : "negative", threshold };
  }
  throw new StationError(
    "DOMAIN_INVALID",
    `方法 ${method} 没有配置阈值，请同时给出结果 / no threshold configured for ${method}: send the result too`,
    { method },
  );
}

/** Rapid residue screens and commissioned laboratory tests. */
export class TestRecords {
  constructor(
    private readonly db: Database,
    private readonly thresholds: readonly ScreenThreshold[],
    private readonly now: () => number,
    private readonly events?: DomainEvents,
  ) {}

  add(input: NewTest, origin: RecordOrigin = { source: "api" }): TestRecord {
    const t = validateRecord<NewTest>(NewTest, input, "检测记录 / test record");
    const kind = t.kind ?? (t.reportNo ? "lab" : "screen");
    const { result, threshold } = screenResult(this.thresholds, t.method, t.inhibition, t.result);
    if (t.retestOf !== undefined && !this.get(t.retestOf)) {
      throw new StationError(
        "DOMAIN_NOT_FOUND",
        `复检的原记录 ${t.retestOf} 不存在 / retested record not found`,
      );
    }
    const now = this.now();
    const { id, created } = insertOnce(this.db, {
      table: "domain_tests",
      messageId: origin.messageId,
      now,
      insert: () => {
        const res = this.db
          .prepare(
            `INSERT INTO domain_tests (source, message_id, device_id, kind, sample, method, inhibition, threshold, result,
           retest_of, report_no, lab, items, site_id, batch_lot, operator, tested_at, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            origin.source,
            origin.messageId ?? null,
            origin.deviceId ?? null,
            kind,
            t.sample,
            t.method,
            t.inhibition ?? null,
            threshold,
            result,
            t.retestOf ?? null,
            t.reportNo ?? null,
            t.lab ?? null,
            JSON.stringify(t.items ?? []),
            t.siteId ?? null,
            t.batchLot ?? null,
            t.operator ?? null,
            t.testedAt,
            now,
          );
        return Number(res.lastInsertRowid);
      },
      outbox: (newId) => ({
        stream: "tests",
        recordId: `test:${newId}`,
        kind: "test",
        payload: this.get(newId),
      }),
    });
    const record = this.get(id) as TestRecord;
    if (created) this.events?.emit("test", record);
    return record;
  }

  get(id: number): TestRecord | undefined {
    const row = this.db.prepare(`${SELECT} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
    return row ? toTest(row) : undefined;
  }

  /** Tests that concern a batch: named with its lot, or on its sites within [from, to]. */
  forBatch(lot: string, siteIds: readonly string[], from: number, to: number): TestRecord[] {
    const rows = this.db
      .prepare(
        `${SELECT} WHERE batch_lot = ? OR (site_id IN (SELECT value FROM json_each(?)) AND tested_at BETWEEN ? AND ?)
         ORDER BY tested_at, id`,
      )
      .all(lot, JSON.stringify(siteIds), from, to) as Record<string, unknown>[];
    return rows.map(toTest);
  }

  list(limit = 100): TestRecord[] {
    const rows = this.db.prepare(`${SELECT} ORDER BY tested_at DESC, id DESC LIMIT ?`).all(limit) as Record<
      string,
      unknown
    >[];
    return rows.map(toTest);
  }
}

const SELECT = `SELECT id, source, device_id, kind, sample, method, inhibition, threshold, result, retest_of,
  report_no, lab, items, site_id, batch_lot, operator, tested_at FROM domain_tests`;

function toTest(row: Record<string, unknown>): TestRecord {
  const t = camelRow<TestRecord & { items: string }>(row);
  return { ...t, items: JSON.parse(t.items) as string[] };
}
