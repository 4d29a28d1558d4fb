import "../domain-codes.js";
import type { Database } from "better-sqlite3";
import { StationError } from "../../core/station-error.js";
import type { BatchRecords } from "./batch-records.js";

/**
 * Which open batch each scale weighs into. A stable weight from the scale becomes a package
 * of the selected batch; closing a batch clears its selections.
 */
export class ScaleSelection {
  constructor(
    private readonly db: Database,
    private readonly batches: BatchRecords,
    private readonly now: () => number,
  ) {}

  select(scaleDeviceId: string, lot: string): void {
    const batch = this.batches.require(lot);
    if (batch.status !== "open") {
      throw new StationError("DOMAIN_BATCH_STATE", `批次 ${lot} 已关闭 / batch is closed`, { lot });
    }
    this.db
      .prepare(
        `INSERT INTO domain_scale_selection (device_id, batch_id, selected_at) VALUES (?, ?, ?)
         ON CONFLICT (device_id) DO UPDATE SET batch_id = excluded.batch_id, selected_at = excluded.selected_at`,
      )
      .run(scaleDeviceId, batch.id, this.now());
  }

  clear(scaleDeviceId: string): void {
    this.db.prepare("DELETE FROM domain_scale_selection WHERE device_id = ?").run(scaleDeviceId);
  }

  /** The lot selected at a scale, if any. */
  selected(scaleDeviceId: string): string | undefined {
    const r = this.db
      .prepare(
        "SELECT b.lot FROM domain_scale_selection s JOIN domain_batches b ON b.id = s.batch_id WHERE s.device_id = ?",
      )
      .get(scaleDeviceId) as { lot: string } | undefined;
    return r?.lot;
  }

  /** The lot selected at a scale; DOMAIN_NO_SCALE_SELECTION when none is. */
  require(scaleDeviceId: string): string {
    const lot = this.selected(scaleDeviceId);
    if (!lot) {
      throw new StationError(
        "DOMAIN_NO_SCALE_SELECTION",
        `秤 ${scaleDeviceId} 没有选定批次，称重未入账 / no batch selected for scale ${scaleDeviceId}; weight not recorded`,
        { device: scaleDeviceId },
      );
    }
    return lot;
  }

  all(): Array<{ deviceId: string; lot: string }> {
    return this.db
      .prepare(
        "SELECT s.device_id AS deviceId, b.lot FROM domain_scale_selection s JOIN domain_batches b ON b.id = s.batch_id ORDER BY s.device_id",
      )
      .all() as Array<{ deviceId: string; lot: string }>;
  }
}
