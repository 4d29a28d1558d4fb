import { type Migration, sqlMigration } from "../store/migration.js";

/**
 * Early warning. `alarm_rules` holds the rules added through the API (config rules live in the
 * config file). One `alarms` row per episode of one rule on one sensor; the partial unique index
 * makes "at most one open alarm per rule and sensor" a property of the database, not of memory.
 * `action_state` moves none → sent → acknowledged | refused | no_ack, or none → offline, never
 * back: a command is published at most once per alarm.
 */
export const alarmMigrations: Migration[] = [
  sqlMigration(
    "alarms-001-rules-alarms",
    `
    CREATE TABLE alarm_rules (
      id TEXT PRIMARY KEY,
      body TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE alarms (
      id INTEGER PRIMARY KEY,
      rule_id TEXT NOT NULL,
      rule TEXT NOT NULL,
      device_id TEXT NOT NULL,
      site_id TEXT,
      metric TEXT NOT NULL,
      kind TEXT NOT NULL,
      severity TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('raised','acknowledged','cleared')),
      threshold REAL NOT NULL,
      value REAL,
      since INTEGER NOT NULL,
      raised_at INTEGER NOT NULL,
      acked_at INTEGER,
      actor TEXT,
      ack_note TEXT,
      cleared_at INTEGER,
      clear_value REAL,
      action_state TEXT NOT NULL DEFAULT 'none'
        CHECK (action_state IN ('none','sent','acknowledged','refused','no_ack','offline')),
      action_cmd_id TEXT UNIQUE,
      action_sent_at INTEGER,
      action_result_at INTEGER,
      action_detail TEXT
    ) STRICT;
    CREATE UNIQUE INDEX alarms_one_open ON alarms (rule_id, device_id) WHERE cleared_at IS NULL;
    CREATE INDEX alarms_site_time ON alarms (site_id, since);
    CREATE INDEX alarms_open_state ON alarms (cleared_at, id);
    `,
  ),
];
