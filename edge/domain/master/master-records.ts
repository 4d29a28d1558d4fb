import { Type } from "@sinclair/typebox";
import { nullable, oneOf, type RecordOf, rowMapping } from "../../core/row-mapping.js";
import { PRODUCT_CATEGORIES, SITE_KINDS, SUBJECT_ID_KINDS, SUBJECT_KINDS } from "../records.js";

/** The subject running the station: the one row of `domain_subject`. */
export const SUBJECT_COLUMNS = rowMapping({
  name: Type.String(),
  kind: oneOf(SUBJECT_KINDS),
  id_kind: oneOf(SUBJECT_ID_KINDS),
  id_number: Type.String(),
  address: nullable(Type.String()),
  origin_region: nullable(Type.String()),
  contact: nullable(Type.String()),
  updated_at: Type.Integer(),
});
export type Subject = RecordOf<typeof SUBJECT_COLUMNS>;

/** A row of `domain_products`. */
export const PRODUCT_COLUMNS = rowMapping({
  id: Type.String(),
  name: Type.String(),
  category: oneOf(PRODUCT_CATEGORIES),
  /** Crop or species as a label names it (番茄, 生猪); used for crop-scoped bans. */
  crop: nullable(Type.String()),
  unit: Type.String(),
  gtin: nullable(Type.String()),
  green_code: nullable(Type.String()),
  organic_code: nullable(Type.String()),
});
export type Product = RecordOf<typeof PRODUCT_COLUMNS>;

/** A row of `domain_sites` (alias `s`), with the devices whose `devices.site` names it. */
export const SITE_COLUMNS = rowMapping({
  id: Type.String(),
  name: Type.String(),
  kind: oneOf(SITE_KINDS),
  area: nullable(Type.String()),
  devices: Type.Array(Type.String(), {
    stored: "csv",
    select: "(SELECT group_concat(d.id) FROM (SELECT id FROM devices WHERE site = s.id ORDER BY id) d)",
  }),
});
export type Site = RecordOf<typeof SITE_COLUMNS>;
