import { type Migration, sqlMigration } from "../store/migration.js";

/**
 * Animals by their national ear tag (畜禽标识和养殖档案管理办法, 农业部令2006年第67号).
 * `animals.tag` is the tag the animal wears now; `animal_tags` keeps every tag it ever wore, so
 * a replaced tag (第十二条: 在养殖档案中记录新标识编码) still finds the animal and no code is
 * ever given to a second animal (第七条 一畜一标, 编码唯一). Treatments carry their own
 * withdrawal days, frozen when recorded. A sale batch lists the animals scanned leaving, each
 * with its weight when a scale weighed it, and the 动物检疫合格证明 number (第十三条).
 */
export const livestockMigrations: Migration[] = [
  sqlMigration(
    "livestock-001-animals-treatments-sales",
    `
    CREATE TABLE animals (
      id INTEGER PRIMARY KEY,
      tag TEXT NOT NULL UNIQUE,
      rfid TEXT UNIQUE,
      species TEXT NOT NULL CHECK (species IN ('pig','cattle','sheep')),
      sex TEXT NOT NULL CHECK (sex IN ('male','female','unknown')),
      origin TEXT NOT NULL CHECK (origin IN ('born','arrived')),
      born_on TEXT,
      arrived_on TEXT,
      source TEXT,
      site_id TEXT,
      status TEXT NOT NULL CHECK (status IN ('on_farm','sold','slaughtered','dead')),
      status_at INTEGER NOT NULL,
      note TEXT,
      registered_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX animals_site ON animals (site_id, status);

    CREATE TABLE animal_tags (
      tag TEXT PRIMARY KEY,
      animal_id INTEGER NOT NULL REFERENCES animals (id),
      attached_at INTEGER NOT NULL,
      replaced_at INTEGER,
      replaced_by TEXT,
      reason TEXT
    ) STRICT;
    CREATE INDEX animal_tags_animal ON animal_tags (animal_id);

    CREATE TABLE animal_treatments (
      id INTEGER PRIMARY KEY,
      animal_id INTEGER NOT NULL REFERENCES animals (id),
      drug TEXT NOT NULL,
      substance TEXT,
      applied_at INTEGER NOT NULL,
      applied_day TEXT NOT NULL,
      meat_days INTEGER NOT NULL,
      milk_days INTEGER,
      days_source TEXT NOT NULL,
      dose TEXT,
      operator TEXT,
      group_site TEXT,
      recorded_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX animal_treatments_animal ON animal_treatments (animal_id, applied_at);

    CREATE TABLE animal_weights (
      id INTEGER PRIMARY KEY,
      animal_id INTEGER NOT NULL REFERENCES animals (id),
      kg REAL NOT NULL,
      at INTEGER NOT NULL,
      device_id TEXT,
      sale_id INTEGER
    ) STRICT;
    CREATE INDEX animal_weights_animal ON animal_weights (animal_id, at);

    CREATE TABLE livestock_sales (
      id INTEGER PRIMARY KEY,
      number TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL CHECK (kind IN ('sale','slaughter')),
      destination TEXT,
      quarantine_no TEXT,
      product_id TEXT,
      lot TEXT,
      state TEXT NOT NULL CHECK (state IN ('open','closed')),
      opened_at INTEGER NOT NULL,
      closed_at INTEGER
    ) STRICT;

    CREATE TABLE livestock_sale_animals (
      sale_id INTEGER NOT NULL REFERENCES livestock_sales (id),
      animal_id INTEGER NOT NULL REFERENCES animals (id),
      tag TEXT NOT NULL,
      weight_kg REAL,
      via TEXT,
      scanned_at INTEGER NOT NULL,
      PRIMARY KEY (sale_id, animal_id)
    ) STRICT;
    `,
  ),
  // 动物检疫合格证明 (办法第十三条) travels with the animals: the batch a sale became carries
  // its number to the certificate and the trace page. Null for every other batch.
  sqlMigration(
    "livestock-002-batch-quarantine-number",
    "ALTER TABLE domain_batches ADD COLUMN quarantine_no TEXT;",
  ),
];
