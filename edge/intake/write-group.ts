import type { Database } from "better-sqlite3";
import { type DerivedHook, DerivedWrites, type GroupMessage } from "./derived-writes.js";
import { deviceLastSeen } from "./device-last-seen.js";
import { MessageKeys } from "./message-keys.js";
import type { WriteItem, WriteResults } from "./write-item.js";

export interface GroupWriterOptions {
  /** Fold the recent dedup keys at this many (message-keys.ts). */
  foldKeysAt?: number;
  /** Write derived data this often by the station clock (derived-writes.ts); 0: in every commit. */
  derivedEveryMs?: number;
}

/** Commits one group; `writeDerived` writes what derived data is gathered, in a commit of its own. */
export interface GroupWriter {
  (items: WriteItem[]): WriteResults;
  writeDerived(): void;
  readonly derivedPending: boolean;
}

/**
 * Commit one group: messages (each stored once per device and msgId, see message-keys.ts),
 * dead letters and presence, in one transaction. A device's last seen time and newest message
 * and every hook's derived data (hourly rollups) are gathered in memory and written every
 * `derivedEveryMs` inside one of these commits (derived-writes.ts). Returns the result per item.
 */
export function prepareGroupWriter(
  db: Database,
  hooks: readonly DerivedHook[],
  options: GroupWriterOptions = {},
): GroupWriter {
  const insertMessage = db.prepare(
    "INSERT INTO messages (device_id, kind, msg_id, ts, received_at, payload) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const keys = new MessageKeys(db, options.foldKeysAt);
  const derived = new DerivedWrites(db, [deviceLastSeen, ...hooks], options.derivedEveryMs);
  const insertDead = db.prepare(
    "INSERT INTO dead_letters (device_id, topic, code, reason, payload, payload_size, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  // Presence is rare (a connect, a will) and the online flag is what alarms and screens act
  // on, so it is written at once, with the receive time as last seen.
  const setPresence = db.prepare(
    "UPDATE devices SET online = ?, last_seen_at = max(coalesce(last_seen_at, 0), ?) WHERE id = ?",
  );

  const writeGroup = db.transaction((items: WriteItem[]): WriteResults => {
    derived.begin();
    const results: WriteResults = new Array(items.length);
    const messages: GroupMessage[] = [];
    let at = Number.NEGATIVE_INFINITY;
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
        messages.push({ id, m });
        if (m.receivedAt > at) at = m.receivedAt;
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
        if (item.receivedAt > at) at = item.receivedAt;
      } else {
        setPresence.run(item.online ? 1 : 0, item.at, item.deviceId);
        results[i] = 0;
        if (item.at > at) at = item.at;
      }
    }
    derived.add(messages, at);
    keys.foldIfDue();
    return results;
  });
  const writeDerived = db.transaction(() => {
    derived.begin();
    derived.writeAll();
  });

  const settle = <T>(run: () => T): T => {
    try {
      const result = run();
      keys.committed();
      derived.committed();
      return result;
    } catch (err) {
      keys.rolledBack();
      derived.rolledBack();
      throw err;
    }
  };
  // BEGIN IMMEDIATE: a group reads (dedup keys, derived cursors) before it writes, and a
  // deferred transaction whose snapshot predates a commit of the main thread's connection
  // (retention, a packing line, a certificate) cannot become a writer: SQLite answers
  // SQLITE_BUSY at once, without waiting out busy_timeout, and the whole group would fail.
  const writer = ((items: WriteItem[]) => settle(() => writeGroup.immediate(items))) as GroupWriter;
  writer.writeDerived = () => {
    if (derived.hasPending) settle(() => writeDerived.immediate());
  };
  Object.defineProperty(writer, "derivedPending", { get: () => derived.hasPending });
  return writer;
}
