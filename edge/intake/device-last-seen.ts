import type { DerivedHook } from "./derived-writes.js";

export interface Seen {
  /** Newest receive time, resends included: the device was heard. */
  at: number;
  /** Newest stored message by device time, and that time. */
  id: number | null;
  ts: number;
}

/**
 * Fold one message into its device's entry: the newest receive time, and the newest stored
 * message by device time (the later of two at the same time). `id` 0 is a resend, heard but
 * not stored. The writer folds what it commits; the device overview folds the messages it
 * reads past the cursor the same way.
 */
export function noteSeen(
  byDevice: Map<string, Seen>,
  deviceId: string,
  at: number,
  id: number,
  ts: number,
): void {
  const seen = byDevice.get(deviceId);
  if (!seen) {
    byDevice.set(deviceId, { at, id: id || null, ts });
    return;
  }
  if (seen.at < at) seen.at = at;
  if (id !== 0 && (seen.id === null || ts >= seen.ts)) {
    seen.id = id;
    seen.ts = ts;
  }
}

/**
 * A device's last seen time and newest message (by device time, so no (device_id, ts) index
 * is needed to find it), gathered per device and written with the other derived data: the
 * fleet's device rows are ~30 pages, which every commit rewrote (issue 16). The CLI reads
 * them at most a write interval behind; the device overview adds the messages after the
 * cursor itself (edge/http/device-overview.ts), so the screens are current. A resend
 * moves the last seen time too, but is not in the store to be gathered again after a crash:
 * its device's next message moves it anyway.
 */
export const deviceLastSeen: DerivedHook = {
  name: "device-last-seen",
  prepare(db) {
    const update = db.prepare(
      `UPDATE devices SET last_seen_at = max(coalesce(last_seen_at, 0), @at),
         last_message_id = iif(@id IS NOT NULL AND @ts >= coalesce(last_message_ts, -1), @id, last_message_id),
         last_message_ts = iif(@id IS NOT NULL, max(coalesce(last_message_ts, -1), @ts), last_message_ts)
       WHERE id = @device`,
    );
    let byDevice = new Map<string, Seen>();
    return {
      add(messages) {
        for (const { id, m } of messages) noteSeen(byDevice, m.deviceId, m.receivedAt, id, m.ts);
      },
      write() {
        for (const [device, seen] of byDevice) update.run({ at: seen.at, id: seen.id, ts: seen.ts, device });
        byDevice = new Map();
      },
      clear() {
        byDevice = new Map();
      },
    };
  },
};
