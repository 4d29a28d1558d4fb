import type { Database } from "better-sqlite3";
import type { Migration } from "../store/migration.js";

/**
 * The records a person or the station changes, audited by triggers so that the audit row is
 * written in the same transaction as the write itself, whoever writes (API, CLI, packing line).
 * Readings and messages are not here: they are the devices' own, stored as received.
 */
export const AUDITED_TABLES = [
  "domain_subject",
  "domain_products",
  "domain_sites",
  "domain_inputs",
  "domain_input_products",
  "domain_tests",
  "domain_batches",
  "domain_batch_sites",
  "domain_packages",
  "domain_incoming_lots",
  "domain_batch_incoming",
  "domain_scale_selection",
  "domain_overrides",
  "domain_certificates",
  "print_jobs",
  "packing_lines",
  "devices",
  "alarm_rules",
  "alarms",
  "operators",
  "shipment_buyers",
  "shipments",
  "shipment_packages",
  "shipment_lines",
  "shipment_certificates",
  "animals",
  "animal_tags",
  "animal_treatments",
  "animal_weights",
  "livestock_sales",
  "livestock_sale_animals",
];

/**
 * Every other table of the store, with why no person's write lands there; a table that is in
 * neither list fails test/integration/audit/audit-coverage.test.ts, so a new record cannot be
 * left out of the trail by forgetting it.
 */
export const NOT_AUDITED: Readonly<Record<string, string>> = {
  messages: "devices' own messages, stored as received",
  message_keys: "the messages' dedup keys, folded by the writer",
  message_keys_merged: "how far the dedup keys are folded",
  derived_cursor: "how far rollups and last seen are written",
  credential_epoch: "a count of credential changes, kept by triggers on devices",
  dead_letters: "refused device messages, stored as received",
  outbox: "what goes upward: derived from the audited writes",
  audit_log: "the trail itself",
  operator_sessions: "sign-ins, not records (the session token's hash only)",
  domain_counters: "number sequences, advanced by the audited inserts",
  projection_cursors: "bookkeeping of the projector",
  rollups_hourly: "derived from readings",
  rollups_site_hourly: "derived from readings",
  store_retention: "bookkeeping of local retention",
  uplink_cursors: "bookkeeping of delivery",
  uplink_failures: "bookkeeping of delivery",
  uplink_retention: "bookkeeping of delivery",
  uplink_sink_state: "bookkeeping of delivery",
  schema_migrations: "the schema's own steps",
  sqlite_sequence: "SQLite's own",
};

/** The column a person would name a record by, where it is not the primary key. */
const RECORD_ID_COLUMN: Record<string, string> = {
  domain_batches: "lot",
  domain_packages: "serial",
  domain_certificates: "number",
};

/** Never copied into the trail: credentials, and bytes JSON cannot hold. */
const SECRET_COLUMN = /hash|secret|password|token/i;
/**
 * Bookkeeping the broker and the intake writer update on every message (a device's last seen
 * time, online state, last message): not a person's write, and the writer thread's connection
 * has no audit functions, so an update of only these columns fires no trigger.
 */
const VOLATILE_COLUMN = /seen_at|^online$|^last_message/;

interface ColumnInfo {
  name: string;
  type: string;
  pk: number;
}

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

function triggersFor(db: Database, table: string): string {
  const columns = db.prepare<[], ColumnInfo>(`PRAGMA table_info(${quote(table)})`).all();
  if (columns.length === 0) return "";
  const kept = columns.filter(
    (c) => !SECRET_COLUMN.test(c.name) && !VOLATILE_COLUMN.test(c.name) && c.type.toUpperCase() !== "BLOB",
  );
  const watched = columns.filter((c) => !VOLATILE_COLUMN.test(c.name)).map((c) => quote(c.name));
  const keys = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
  const idColumn = RECORD_ID_COLUMN[table];
  const recordId = (row: "NEW" | "OLD"): string =>
    idColumn
      ? `CAST(${row}.${quote(idColumn)} AS TEXT)`
      : keys.length > 0
        ? keys.map((k) => `CAST(${row}.${quote(k.name)} AS TEXT)`).join(" || '/' || ")
        : `CAST(${row}.rowid AS TEXT)`;
  const json = (row: "NEW" | "OLD"): string =>
    `json_object(${kept.map((c) => `'${c.name}', ${row}.${quote(c.name)}`).join(", ")})`;
  const kind = table.replace(/^domain_/, "");
  const insert = (op: string, row: "NEW" | "OLD", change: string): string => `
    INSERT INTO audit_log (at, actor_id, actor_name, actor_role, kind, record_id, op, change)
    VALUES (audit_now(), audit_actor_id(), audit_actor_name(), audit_actor_role(), '${kind}', ${recordId(row)}, '${op}', ${change});`;
  return `
    CREATE TRIGGER ${quote(`audit_${table}_insert`)} AFTER INSERT ON ${quote(table)} BEGIN${insert("insert", "NEW", json("NEW"))}
    END;
    CREATE TRIGGER ${quote(`audit_${table}_update`)} AFTER UPDATE OF ${watched.join(", ")} ON ${quote(table)} BEGIN${insert(
      "update",
      "NEW",
      `json_object('before', ${json("OLD")}, 'after', ${json("NEW")})`,
    )}
    END;
    CREATE TRIGGER ${quote(`audit_${table}_delete`)} AFTER DELETE ON ${quote(table)} BEGIN${insert("delete", "OLD", json("OLD"))}
    END;`;
}

/**
 * `audit_log`: one row per insert, update or delete of an audited record. A row is sealed by
 * the trigger right after it is written: `prev_hash` is the hash of the row before it and
 * `hash` is SHA-256 over that and the row's content (audit-hash.ts). Sealed rows cannot be
 * updated or deleted through SQL (the guard triggers), and a row changed or removed behind
 * them breaks the chain, which `trace-station audit --verify` finds. AUTOINCREMENT keeps
 * sequence numbers from being reused, so a deleted last row also shows (sqlite_sequence).
 * Each sealed row is queued upward in the outbox like any record.
 */
const createAuditLog = `
  CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    actor_id TEXT,
    actor_name TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
    change TEXT NOT NULL,
    prev_hash TEXT,
    hash TEXT
  ) STRICT;
  CREATE INDEX audit_log_at ON audit_log (at);
  CREATE INDEX audit_log_actor ON audit_log (actor_name, seq);
  CREATE INDEX audit_log_record ON audit_log (kind, record_id);

  CREATE TRIGGER audit_log_seal AFTER INSERT ON audit_log BEGIN
    UPDATE audit_log SET (prev_hash, hash) = (
      SELECT p.h, audit_hash(p.h, NEW.at, NEW.actor_id, NEW.actor_name, NEW.actor_role, NEW.kind, NEW.record_id, NEW.op, NEW.change)
      FROM (SELECT COALESCE((SELECT hash FROM audit_log WHERE seq < NEW.seq ORDER BY seq DESC LIMIT 1), '') AS h) AS p
    ) WHERE seq = NEW.seq;
  END;
  CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log WHEN OLD.hash IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
  END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
  END;
  CREATE TRIGGER audit_log_upward AFTER UPDATE OF hash ON audit_log WHEN OLD.hash IS NULL BEGIN
    INSERT INTO outbox (stream, record_id, kind, payload, created_at) VALUES (
      'audit', 'audit:' || NEW.seq, 'audit',
      json_object('seq', NEW.seq, 'at', NEW.at, 'actor', json_object('id', NEW.actor_id, 'name', NEW.actor_name, 'role', NEW.actor_role),
        'kind', NEW.kind, 'recordId', NEW.record_id, 'op', NEW.op, 'change', json(NEW.change),
        'prevHash', NEW.prev_hash, 'hash', NEW.hash),
      NEW.at);
  END;
`;

export const auditMigrations: Migration[] = [
  {
    id: "audit-001-hash-chained-log",
    up(db) {
      db.exec(createAuditLog);
      db.exec(AUDITED_TABLES.map((t) => triggersFor(db, t)).join("\n"));
    },
  },
];
