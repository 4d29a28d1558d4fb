import { type Migration, sqlMigration } from "../store/migration.js";

/** Issue 20: substances, the product registry, certificates that follow later evidence. */
export const gateMigrations: Migration[] = [
  sqlMigration(
    "domain-004-input-products",
    `
    -- The station's own product registry: a registration number seen once is described once
    -- (name, kind, active ingredients) and reused for every later record of the same product.
    CREATE TABLE domain_input_products (
      reg_no TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      kind TEXT NOT NULL,
      ingredients TEXT NOT NULL,
      source TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    ALTER TABLE domain_inputs ADD COLUMN label_qr TEXT;
    -- Veterinary drugs: withdrawal per product (meat, eggs, milk) and not-for-layers /
    -- not-for-lactating flags as the record gives them (JSON), over the shipped drug table.
    ALTER TABLE domain_inputs ADD COLUMN animal TEXT;
    -- 产地 of a supplier lot, from its certificate: a buyer's certificate takes its origin from them.
    ALTER TABLE domain_incoming_lots ADD COLUMN origin TEXT;
    `,
  ),
  sqlMigration(
    "domain-005-certificate-review",
    `
    -- 待复核: later evidence that would have blocked a valid certificate (JSON: reasons, since).
    ALTER TABLE domain_certificates ADD COLUMN review TEXT;
    -- Who voided, who cleared a review and why (the request's identity today: role/session).
    ALTER TABLE domain_certificates ADD COLUMN voided_by TEXT;
    ALTER TABLE domain_certificates ADD COLUMN review_cleared TEXT;
    ALTER TABLE domain_overrides ADD COLUMN actor TEXT;
    `,
  ),
];
