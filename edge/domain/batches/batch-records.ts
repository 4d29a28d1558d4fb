import "../domain-codes.js";
import type { Database } from "better-sqlite3";
import { yymmdd } from "../../core/local-day.js";
import { StationError } from "../../core/station-error.js";
import { enqueueOutbox } from "../../store/outbox.js";
import { formatLotCode } from "../codes/lot-code.js";
import { nextCounter } from "../counters.js";
import { notFound, validateRecord } from "../domain-error.js";
import type { DomainEvents } from "../domain-events.js";
import type { MasterData } from "../master/master-data.js";
import type { Batch } from "../records.js";
import { CloseBatch, OpenBatch } from "../schemas.js";

interface BatchRow {
  id: number;
  lot: string;
  product_id: string;
  status: "open" | "closed";
  window_start: number;
  window_end: number | null;
  harvest_at: number | null;
  national_code: string | null;
  quarantine_no?: string | null;
  note: string | null;
  opened_at: number;
  closed_at: number | null;
  sites: string | null;
}

const SELECT = `SELECT b.*, (SELECT group_concat(site_id) FROM (SELECT site_id FROM domain_batch_sites WHERE batch_id = b.id ORDER BY site_id)) AS sites FROM domain_batches b`;

const toBatch = (r: BatchRow): Batch => ({
  id: r.id,
  lot: r.lot,
  productId: r.product_id,
  status: r.status,
  windowStart: r.window_start,
  windowEnd: r.window_end,
  harvestAt: r.harvest_at,
  nationalCode: r.national_code,
  ...(r.quarantine_no ? { quarantineNo: r.quarantine_no } : {}),
  note: r.note,
  siteIds: r.sites ? r.sites.split(",") : [],
  openedAt: r.opened_at,
  closedAt: r.closed_at,
});

export interface StationIdentity {
  code: string;
  timezone: string;
}

/** Batches: the unit of traceability (DESIGN.md "Records"). */
export class BatchRecords {
  constructor(
    private readonly db: Database,
    private readonly master: MasterData,
    private readonly station: StationIdentity,
    private readonly now: () => number,
    private readonly events?: DomainEvents,
  ) {}

  /**
   * Open a batch and give it a lot code: station + local day + that day's sequence + check
   * character. The sequence is drawn in the same IMMEDIATE transaction that inserts the batch.
   */
  open(input: OpenBatch): Batch {
    const b = validateRecord<OpenBatch>(OpenBatch, input, "批次 / batch");
    this.master.requireProduct(b.productId);
    for (const s of b.siteIds) this.master.requireSite(s);
    const now = this.now();
    const day = yymmdd(now, this.station.timezone);
    const lot = this.db
      .transaction((): string => {
        const seq = nextCounter(this.db, `lot:${day}`);
        const lotCode = formatLotCode(this.station.code, day, seq);
        // GS1 AI 10 (batch/lot) allows 20 characters: the lot travels in every Digital Link and EPC.
        if (lotCode.length > 20) {
          throw new StationError(
            "DOMAIN_INVALID",
            `批次码 ${lotCode} 超过 20 个字符（GS1 AI 10）：缩短站点代码 / lot code longer than GS1 AI 10 allows: shorten the station code`,
            { lot: lotCode },
          );
        }
        const res = this.db
          .prepare(
            `INSERT INTO domain_batches (lot, product_id, status, window_start, window_end, national_code, note, opened_at)
             VALUES (?, ?, 'open', ?, ?, ?, ?, ?)`,
          )
          .run(
            lotCode,
            b.productId,
            b.windowStart,
            b.windowEnd ?? null,
            b.nationalCode ?? null,
            b.note ?? null,
            now,
          );
        const id = Number(res.lastInsertRowid);
        const addSite = this.db.prepare("INSERT INTO domain_batch_sites (batch_id, site_id) VALUES (?, ?)");
        for (const s of new Set(b.siteIds)) addSite.run(id, s);
        for (const incoming of b.incomingIds ?? []) this.linkIncomingById(id, incoming);
        enqueueOutbox(
          this.db,
          {
            stream: "batches",
            recordId: `batch:${lotCode}`,
            kind: "batch.opened",
            payload: this.require(lotCode),
          },
          now,
        );
        return lotCode;
      })
      .immediate();
    const opened = this.require(lot);
    this.events?.emit("batch.opened", opened);
    return opened;
  }

  /** Close a batch with its harvest (slaughter, collection) time; no more packages after this. */
  close(lot: string, input: CloseBatch): Batch {
    const c = validateRecord<CloseBatch>(CloseBatch, input, "关闭批次 / close batch");
    const now = this.now();
    this.db
      .transaction(() => {
        const batch = this.require(lot);
        if (batch.status !== "open") {
          throw new StationError("DOMAIN_BATCH_STATE", `批次 ${lot} 已关闭 / batch already closed`, { lot });
        }
        const windowEnd = c.windowEnd ?? Math.max(c.harvestAt, batch.windowStart);
        this.db
          .prepare(
            "UPDATE domain_batches SET status = 'closed', harvest_at = ?, window_end = ?, closed_at = ? WHERE id = ?",
          )
          .run(c.harvestAt, windowEnd, now, batch.id);
        this.db.prepare("DELETE FROM domain_scale_selection WHERE batch_id = ?").run(batch.id);
        enqueueOutbox(
          this.db,
          {
            stream: "batches",
            recordId: `batch:${lot}:closed`,
            kind: "batch.closed",
            payload: this.require(lot),
          },
          now,
        );
      })
      .immediate();
    const closed = this.require(lot);
    this.events?.emit("batch.closed", closed);
    return closed;
  }

  /** Store the national platform's 追溯码 when it becomes known. */
  setNationalCode(lot: string, code: string): Batch {
    const now = this.now();
    this.db
      .transaction(() => {
        const batch = this.require(lot);
        this.db.prepare("UPDATE domain_batches SET national_code = ? WHERE id = ?").run(code, batch.id);
        enqueueOutbox(
          this.db,
          {
            stream: "batches",
            recordId: `batch:${lot}:national:${code}`,
            kind: "batch.national_code",
            payload: { lot, nationalCode: code },
          },
          now,
        );
      })
      .immediate();
    return this.require(lot);
  }

  /** The 动物检疫合格证明 number of an animal batch (edge/livestock sets it from the sale). */
  setQuarantineNo(lot: string, number: string): Batch {
    const batch = this.require(lot);
    this.db.prepare("UPDATE domain_batches SET quarantine_no = ? WHERE id = ?").run(number, batch.id);
    return this.require(lot);
  }

  get(lot: string): Batch | undefined {
    const r = this.db.prepare(`${SELECT} WHERE b.lot = ?`).get(lot) as BatchRow | undefined;
    return r ? toBatch(r) : undefined;
  }

  byId(id: number): Batch | undefined {
    const r = this.db.prepare(`${SELECT} WHERE b.id = ?`).get(id) as BatchRow | undefined;
    return r ? toBatch(r) : undefined;
  }

  require(lot: string): Batch {
    const b = this.get(lot);
    if (!b) throw notFound("批次 / batch", lot);
    return b;
  }

  list(filter: { status?: "open" | "closed"; limit?: number } = {}): Batch[] {
    const rows = this.db
      .prepare(`${SELECT} WHERE (? IS NULL OR b.status = ?) ORDER BY b.opened_at DESC, b.id DESC LIMIT ?`)
      .all(filter.status ?? null, filter.status ?? null, filter.limit ?? 100) as BatchRow[];
    return rows.map(toBatch);
  }

  /** Record that a packed batch was made from an incoming lot (NY/T 4712: in-batch → out-batch). */
  linkIncoming(lot: string, incomingId: number): void {
    const now = this.now();
    this.db
      .transaction(() => {
        const batch = this.require(lot);
        this.linkIncomingById(batch.id, incomingId);
        enqueueOutbox(
          this.db,
          {
            stream: "batches",
            recordId: `batch:${lot}:incoming:${incomingId}`,
            kind: "batch.incoming",
            payload: { lot, incomingId },
          },
          now,
        );
      })
      .immediate();
  }

  private linkIncomingById(batchId: number, incomingId: number): void {
    const r = this.db
      .prepare("UPDATE domain_incoming_lots SET status = 'received' WHERE id = ?")
      .run(incomingId);
    if (r.changes === 0) throw notFound("来货批次 / incoming lot", incomingId);
    this.db
      .prepare("INSERT OR IGNORE INTO domain_batch_incoming (batch_id, incoming_id) VALUES (?, ?)")
      .run(batchId, incomingId);
  }
}
