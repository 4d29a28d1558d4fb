import { type Migration, sqlMigration } from "../store/migration.js";

/**
 * Named operators and their kiosk sessions. `number` is what a worker types at the keypad
 * (short, unique); `pin_hash` is scrypt with a per-operator salt (broker/credentials.ts). A
 * session row holds only the SHA-256 of its token; disabling an operator or changing their PIN
 * deletes their rows in the same transaction, so the next request with the old token fails.
 */
export const operatorMigrations: Migration[] = [
  sqlMigration(
    "operators-001-operators-sessions",
    `
    CREATE TABLE operators (
      id TEXT PRIMARY KEY,
      number TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('worker','supervisor','technician')),
      pin_hash TEXT NOT NULL,
      enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0,1)),
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE operator_sessions (
      token_hash TEXT PRIMARY KEY,
      operator_id TEXT NOT NULL REFERENCES operators (id) ON DELETE CASCADE,
      created_at INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX operator_sessions_operator ON operator_sessions (operator_id);
    `,
  ),
  sqlMigration(
    "operators-002-package-packer",
    `
    -- Who packed each package (the name of the write's actor); older packages stay NULL.
    ALTER TABLE domain_packages ADD COLUMN packed_by TEXT;
    `,
  ),
];
