import { type Migration, sqlMigration } from "../store/migration.js";

/**
 * Domain records (DESIGN.md "Records"). Times are epoch milliseconds. Every table that goes
 * upward is written by a repository that also calls enqueueOutbox in the same transaction.
 * `domain_counters` holds the never-reused sequences (lot codes per station day, certificate
 * numbers): they are advanced with UPDATE … RETURNING inside the issuing transaction, so two
 * processes (station and CLI) serialise on SQLite's write lock and can never draw the same value.
 */
export const domainMigrations: Migration[] = [
  sqlMigration(
    "domain-001-records",
    `
    CREATE TABLE domain_counters (
      name TEXT PRIMARY KEY,
      value INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE domain_subject (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      name TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('producer','buyer')),
      id_kind TEXT NOT NULL CHECK (id_kind IN ('credit_code','licence','id_card')),
      id_number TEXT NOT NULL,
      address TEXT,
      origin_region TEXT,
      contact TEXT,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE domain_products (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      category TEXT NOT NULL CHECK (category IN ('vegetables','edible_fungi','fruit','fresh_tea','livestock','poultry','eggs','aquatic','other')),
      crop TEXT,
      unit TEXT NOT NULL,
      gtin TEXT,
      green_code TEXT,
      organic_code TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE domain_sites (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('plot','greenhouse','pen','pond')),
      area TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE domain_inputs (
      id INTEGER PRIMARY KEY,
      source TEXT NOT NULL CHECK (source IN ('device','cli','api')),
      message_id INTEGER UNIQUE,
      device_id TEXT,
      site_id TEXT NOT NULL REFERENCES domain_sites (id),
      kind TEXT NOT NULL CHECK (kind IN ('pesticide','fertilizer','vet_drug','feed')),
      name TEXT NOT NULL,
      reg_no TEXT,
      reg_no_status TEXT NOT NULL CHECK (reg_no_status IN ('valid','legacy','none')),
      active_ingredient TEXT,
      dose TEXT,
      amount REAL NOT NULL,
      unit TEXT NOT NULL,
      method TEXT,
      interval_days INTEGER NOT NULL,
      operator TEXT NOT NULL,
      crop TEXT,
      target TEXT,
      applied_at INTEGER NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX domain_inputs_site_time ON domain_inputs (site_id, applied_at);

    CREATE TABLE domain_tests (
      id INTEGER PRIMARY KEY,
      source TEXT NOT NULL CHECK (source IN ('device','cli','api')),
      message_id INTEGER UNIQUE,
      device_id TEXT,
      kind TEXT NOT NULL CHECK (kind IN ('screen','lab')),
      sample TEXT NOT NULL,
      method TEXT NOT NULL,
      inhibition REAL,
      threshold REAL,
      result TEXT NOT NULL CHECK (result IN ('negative','positive','suspect')),
      retest_of INTEGER REFERENCES domain_tests (id),
      report_no TEXT,
      lab TEXT,
      items TEXT NOT NULL DEFAULT '[]',
      site_id TEXT,
      batch_lot TEXT,
      operator TEXT,
      tested_at INTEGER NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX domain_tests_batch ON domain_tests (batch_lot);
    CREATE INDEX domain_tests_site_time ON domain_tests (site_id, tested_at);

    CREATE TABLE domain_batches (
      id INTEGER PRIMARY KEY,
      lot TEXT NOT NULL UNIQUE,
      product_id TEXT NOT NULL REFERENCES domain_products (id),
      status TEXT NOT NULL CHECK (status IN ('open','closed')),
      window_start INTEGER NOT NULL,
      window_end INTEGER,
      harvest_at INTEGER,
      national_code TEXT,
      note TEXT,
      opened_at INTEGER NOT NULL,
      closed_at INTEGER
    ) STRICT;
    CREATE INDEX domain_batches_status ON domain_batches (status, opened_at);

    CREATE TABLE domain_batch_sites (
      batch_id INTEGER NOT NULL REFERENCES domain_batches (id),
      site_id TEXT NOT NULL REFERENCES domain_sites (id),
      PRIMARY KEY (batch_id, site_id)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE domain_packages (
      id INTEGER PRIMARY KEY,
      serial TEXT NOT NULL UNIQUE,
      batch_id INTEGER NOT NULL REFERENCES domain_batches (id),
      seq INTEGER NOT NULL,
      net_kg REAL NOT NULL,
      tare_kg REAL,
      source TEXT NOT NULL CHECK (source IN ('scale','manual')),
      device_id TEXT,
      message_id INTEGER UNIQUE,
      weighed_at INTEGER NOT NULL,
      UNIQUE (batch_id, seq)
    ) STRICT;

    CREATE TABLE domain_incoming_lots (
      id INTEGER PRIMARY KEY,
      raw_code TEXT NOT NULL,
      code_kind TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('candidate','received')),
      supplier TEXT,
      quantity REAL,
      unit TEXT,
      device_id TEXT,
      message_id INTEGER UNIQUE,
      received_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE domain_batch_incoming (
      batch_id INTEGER NOT NULL REFERENCES domain_batches (id),
      incoming_id INTEGER NOT NULL REFERENCES domain_incoming_lots (id),
      PRIMARY KEY (batch_id, incoming_id)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE domain_scale_selection (
      device_id TEXT PRIMARY KEY,
      batch_id INTEGER NOT NULL REFERENCES domain_batches (id),
      selected_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE domain_overrides (
      id INTEGER PRIMARY KEY,
      batch_id INTEGER NOT NULL REFERENCES domain_batches (id),
      supervisor TEXT NOT NULL,
      reason TEXT NOT NULL,
      blocks TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE domain_certificates (
      id INTEGER PRIMARY KEY,
      number TEXT NOT NULL UNIQUE,
      batch_id INTEGER NOT NULL REFERENCES domain_batches (id),
      style TEXT NOT NULL CHECK (style IN ('producer','buyer')),
      basis TEXT NOT NULL,
      quantity REAL NOT NULL,
      unit TEXT NOT NULL,
      package_count INTEGER NOT NULL,
      content TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('valid','void')),
      void_reason TEXT,
      voided_at INTEGER,
      reprint_count INTEGER NOT NULL DEFAULT 0,
      override_id INTEGER REFERENCES domain_overrides (id),
      issued_by TEXT,
      issued_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX domain_certificates_batch ON domain_certificates (batch_id);

    -- 管理办法: issuing records are kept at least two years; the repository refuses earlier
    -- deletion with a coded error, and this trigger holds even for hand-written SQL.
    CREATE TRIGGER domain_certificates_retention BEFORE DELETE ON domain_certificates
    WHEN old.issued_at > (unixepoch('now', '-2 years') * 1000)
    BEGIN
      SELECT RAISE(ABORT, 'DOMAIN_CERT_RETENTION: certificate records are kept for two years');
    END;

    CREATE TABLE rollups_hourly (
      device_id TEXT NOT NULL,
      metric TEXT NOT NULL,
      hour INTEGER NOT NULL,
      count INTEGER NOT NULL,
      sum REAL NOT NULL,
      min REAL NOT NULL,
      max REAL NOT NULL,
      PRIMARY KEY (device_id, metric, hour)
    ) STRICT, WITHOUT ROWID;
    `,
  ),
  sqlMigration(
    "domain-002-site-rollups",
    `
    -- Hourly rollups per site (where the reporting device stood when it reported), so a trace
    -- record reads sites × metrics × hours rows instead of devices × metrics × hours.
    CREATE TABLE rollups_site_hourly (
      site_id TEXT NOT NULL,
      metric TEXT NOT NULL,
      hour INTEGER NOT NULL,
      count INTEGER NOT NULL,
      sum REAL NOT NULL,
      min REAL NOT NULL,
      max REAL NOT NULL,
      PRIMARY KEY (site_id, hour, metric)
    ) STRICT, WITHOUT ROWID;

    INSERT INTO rollups_site_hourly (site_id, metric, hour, count, sum, min, max)
      SELECT d.site, r.metric, r.hour, sum(r.count), sum(r.sum), min(r.min), max(r.max)
      FROM rollups_hourly r JOIN devices d ON d.id = r.device_id
      WHERE d.site IS NOT NULL
      GROUP BY d.site, r.metric, r.hour;

    CREATE INDEX rollups_hourly_device_hour ON rollups_hourly (device_id, hour);
    `,
  ),
  sqlMigration(
    "domain-003-production-record-retention",
    `
    -- Production records (input use, tests) are kept at least two years as the law requires
    -- (DOMAIN.md §4); like certificates, they cannot be deleted earlier, even by hand-written SQL.
    CREATE TRIGGER domain_inputs_retention BEFORE DELETE ON domain_inputs
    WHEN old.created_at > (unixepoch('now', '-2 years') * 1000)
    BEGIN
      SELECT RAISE(ABORT, 'DOMAIN_RECORD_RETENTION: input records are kept for two years');
    END;
    CREATE TRIGGER domain_tests_retention BEFORE DELETE ON domain_tests
    WHEN old.created_at > (unixepoch('now', '-2 years') * 1000)
    BEGIN
      SELECT RAISE(ABORT, 'DOMAIN_RECORD_RETENTION: test records are kept for two years');
    END;
    `,
  ),
  sqlMigration(
    "domain-006-package-acceptance",
    `
    -- A package exists when its label printed or a worker accepted it (DESIGN.md "The packing
    -- line"): 'labelling' while its label job runs, 'accepted' after, 'voided' with who and why.
    -- Batch totals and certificate quantities count accepted packages only. Rows written before
    -- this step were counted already, so they stay accepted.
    ALTER TABLE domain_packages ADD COLUMN state TEXT NOT NULL DEFAULT 'accepted'
      CHECK (state IN ('labelling', 'accepted', 'voided'));
    ALTER TABLE domain_packages ADD COLUMN void_reason TEXT;
    ALTER TABLE domain_packages ADD COLUMN voided_by TEXT;
    ALTER TABLE domain_packages ADD COLUMN voided_at INTEGER;
    `,
  ),
];
