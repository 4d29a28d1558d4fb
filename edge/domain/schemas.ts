import { type Static, Type } from "@sinclair/typebox";
import {
  CERT_BASES,
  INPUT_KINDS,
  PRODUCT_CATEGORIES,
  SITE_KINDS,
  SUBJECT_ID_KINDS,
  SUBJECT_KINDS,
} from "./records.js";

/**
 * What callers hand the domain (CLI, kiosk REST routes, projections): one TypeBox schema per
 * new record, the single source of its type and of its validation at the boundary.
 */

/** A union of string literals whose static type is the union of the values. */
const lit = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>(Type.Union(values.map((v) => Type.Literal(v))));
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const OptText = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const Id = Type.String({ pattern: "^[A-Za-z0-9_-]{1,64}$" });
/** Epoch milliseconds. */
const Time = Type.Integer({ minimum: 0 });

export const NewSubject = Type.Object({
  name: Text(128),
  kind: lit(SUBJECT_KINDS),
  idKind: Type.Optional(lit(SUBJECT_ID_KINDS)),
  idNumber: Text(32),
  address: OptText(256),
  originRegion: OptText(128),
  contact: OptText(64),
});
export type NewSubject = Static<typeof NewSubject>;

export const NewProduct = Type.Object({
  id: Id,
  name: Text(128),
  category: lit(PRODUCT_CATEGORIES),
  crop: OptText(64),
  unit: Type.Optional(Type.String({ minLength: 1, maxLength: 16, default: "kg" })),
  gtin: OptText(14),
  greenCode: OptText(14),
  organicCode: OptText(17),
});
export type NewProduct = Static<typeof NewProduct>;

export const NewSite = Type.Object({
  id: Id,
  name: Text(128),
  kind: lit(SITE_KINDS),
  area: OptText(64),
});
export type NewSite = Static<typeof NewSite>;

export const NewInput = Type.Object({
  siteId: Text(64),
  kind: lit(INPUT_KINDS),
  name: Text(128),
  regNo: OptText(32),
  activeIngredient: OptText(128),
  dose: OptText(64),
  amount: Type.Number({ minimum: 0 }),
  unit: Text(16),
  method: OptText(64),
  intervalDays: Type.Integer({ minimum: 0, maximum: 3650 }),
  operator: Text(64),
  crop: OptText(64),
  target: OptText(128),
  appliedAt: Time,
  labelQr: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 512,
      description: "扫到的农药标签二维码 / scanned pesticide label QR",
    }),
  ),
  withdrawal: Type.Optional(
    Type.Object(
      {
        meat: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
        eggs: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
        milk: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
      },
      { additionalProperties: false, description: "休药期（天）：肉、蛋、奶 / withdrawal days per product" },
    ),
  ),
  notForLayers: Type.Optional(Type.Boolean({ description: "产蛋期禁用 / not for laying hens" })),
  notForLactating: Type.Optional(Type.Boolean({ description: "泌乳期禁用 / not for lactating animals" })),
});
export type NewInput = Static<typeof NewInput>;

export const NewTest = Type.Object({
  kind: Type.Optional(lit(["screen", "lab"] as const)),
  sample: Text(128),
  method: Text(64),
  inhibition: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  result: Type.Optional(lit(["negative", "positive", "suspect"] as const)),
  retestOf: Type.Optional(Type.Integer({ minimum: 1 })),
  reportNo: OptText(64),
  lab: OptText(128),
  items: Type.Optional(Type.Array(Text(128), { maxItems: 100 })),
  siteId: OptText(64),
  batchLot: OptText(64),
  operator: OptText(64),
  testedAt: Time,
});
export type NewTest = Static<typeof NewTest>;

export const OpenBatch = Type.Object({
  productId: Text(64),
  siteIds: Type.Array(Text(64), { minItems: 0, maxItems: 100, default: [] }),
  windowStart: Time,
  windowEnd: Type.Optional(Time),
  nationalCode: OptText(128),
  note: OptText(512),
  incomingIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 1000 })),
});
export type OpenBatch = Static<typeof OpenBatch>;

export const CloseBatch = Type.Object({
  harvestAt: Time,
  windowEnd: Type.Optional(Time),
});
export type CloseBatch = Static<typeof CloseBatch>;

export const NewPackage = Type.Object({
  netKg: Type.Number({ exclusiveMinimum: 0, maximum: 100000 }),
  tareKg: Type.Optional(Type.Number({ minimum: 0 })),
  weighedAt: Time,
});
export type NewPackage = Static<typeof NewPackage>;

export const NewIncoming = Type.Object({
  rawCode: Text(4096),
  supplier: OptText(128),
  quantity: Type.Optional(Type.Number({ minimum: 0 })),
  unit: OptText(16),
  origin: OptText(128),
  receivedAt: Time,
});
export type NewIncoming = Static<typeof NewIncoming>;

export const Override = Type.Object({
  supervisor: Text(64),
  reason: Type.String({ minLength: 4, maxLength: 512 }),
});
export type Override = Static<typeof Override>;

export const IssueCertificate = Type.Object({
  lot: Text(64),
  style: Type.Optional(lit(["producer", "buyer"] as const)),
  basis: Type.Array(lit(CERT_BASES), { minItems: 1, maxItems: 3, uniqueItems: true }),
  issuedBy: OptText(64),
  issuedAt: Type.Optional(Time),
  override: Type.Optional(Override),
  /** Who asked (the request's identity: role/session today, the OS user on the CLI). */
  actor: OptText(128),
});
export type IssueCertificate = Static<typeof IssueCertificate>;
