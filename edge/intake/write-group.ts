import type { Database } from "better-sqlite3";
import type { AcceptedMessage } from "./decode.js";
import { MessageKeys } from "./message-keys.js";
import type { WriteItem, WriteResults } from "./write-item.js";

/**
 * Work that must commit in the same transaction as the messages it derives from (hourly
 * rollups, for one). Runs on the writer thread, so it gets plain data and its own statements.
 */
export interface WriteHook {
  name: string;
  prepare(db: Database): (stored: ReadonlyArray<{ id: number; m: AcceptedMessage }>) => void;
}

/**
 * Commit one group: messages (each stored once per device and msgId, see message-keys.ts), dead letters, presence,
 * device last-seen, and every hook, in one transaction. Returns the result per item.
 */
export function prepareGroupWriter(
  db: Database,
  hooks: readonly WriteHook[],
  options: { foldKeysAt?: number } = {},
): (items: WriteItem[]) => WriteResults {
  const insertMessage = db.prepare(
    "INSERT INTO messages (device_id, kind, msg_id, ts, received_at, payload) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const keys = new MessageKeys(db, options.foldKeysAt);
  const insertDead = db.prepare(
    "INSERT INTO dead_letters (device_id, topic, code, reason, payload, payload_size, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  const setPresence = db.prepare(
    "UPDATE devices SET online = ?, last_seen_at = max(coalesce(last_seen_at, 0), ?) WHERE id = ?",
  );
  // One UPDATE per device per group, which the row needs anyway for last_seen_at: the newest
  // message by device time rides along, so no (device_id, ts) index is needed to find it.
  const setLastSeen = db.prepare(
    `UPDATE devices SET last_seen_at = max(coalesce(last_seen_at, 0), @at),
       last_message_id = iif(@id IS NOT NULL AND @ts >= coalesce(last_message_ts, -1), @id, last_message_id),
       last_message_ts = iif(@id IS NOT NULL, max(coalesce(last_message_ts, -1), @ts), last_message_ts)
     WHERE id = @device`,
  );
  const runHooks = hooks.map((h) => h.prepare(db));

  const writeGroup = db.transaction((items: WriteItem[]): WriteResults => {
    const results: WriteResults = new Array(items.length);
    const stored: Array<{ id: number; m: AcceptedMessage }> = [];
    const lastSeen = new Map<string, { at: number; id: number | null; ts: number }>();
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as WriteItem;
      if (item.t === "msg") {
        const m = item.m;
        const id =
          m.msgId === null || keys.claim(m.deviceId, m.msgId)
            ? Number(
                insertMessage.run(m.deviceId, m.kind, m.msgId, m.ts, m.receivedAt, m.payload).lastInsertRowid,
              )
            : 0;
        results[i] = id;
        if (id !== 0) stored.push({ id, m });
        const seen = lastSeen.get(m.deviceId);
        if (!seen) lastSeen.set(m.deviceId, { at: m.receivedAt, id: id || null, ts: m.ts });
        else {
          if (seen.at < m.receivedAt) seen.at = m.receivedAt;
          if (id !== 0 && (seen.id === null || m.ts >= seen.ts)) {
            seen.id = id;
            seen.ts = m.ts;
          }
        }
        if (m.online !== undefined && id !== 0) setPresence.run(m.online ? 1 : 0, m.receivedAt, m.deviceId);
      } else if (item.t === "dead") {
        const r = insertDead.run(
          item.deviceId,
          item.topic,
          item.code,
          item.reason,
          Buffer.from(item.payload),
          item.size,
          item.receivedAt,
        );
        results[i] = Number(r.lastInsertRowid);
      } else {
        setPresence.run(item.online ? 1 : 0, item.at, item.deviceId);
        results[i] = 0;
      }
    }
    for (const [deviceId, seen] of lastSeen)
      setLastSeen.run({ at: seen.at, id: seen.id, ts: seen.ts, device: deviceId });
    if (stored.length > 0) for (const run of runHooks) run(stored);
    keys.foldIfDue();
    return results;
  }) as (items: WriteItem[]) => WriteResults;
  return (items) => {
    try {
      const results = writeGroup(items);
      keys.committed();
      return results;
    } catch (err) {
      keys.rolledBack();
      throw err;
    }
  };
}
