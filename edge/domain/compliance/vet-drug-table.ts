import { type Static, Type } from "@sinclair/typebox";
import { loadDataFile, SHIPPED_LIST_HEADER } from "./shipped-file.js";

/** Withdrawal days per animal product (DOMAIN.md §4 休药期: to slaughter, 弃蛋期, 弃奶期). */
export const Withdrawal = Type.Object(
  {
    meat: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
    eggs: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
    milk: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
  },
  { additionalProperties: false },
);
export type Withdrawal = Static<typeof Withdrawal>;

const Drug = Type.Object({
  name: Type.String({ minLength: 1 }),
  en: Type.String({ minLength: 1 }),
  names: Type.Array(Type.String({ minLength: 1 })),
  withdrawal: Withdrawal,
  notForLayers: Type.Optional(Type.Boolean()),
  notForLactating: Type.Optional(Type.Boolean()),
  source: Type.String({ minLength: 4 }),
});
export const VetDrugTableSchema = Type.Object({
  ...SHIPPED_LIST_HEADER,
  drugs: Type.Array(Drug),
});
export type VetDrugTable = Static<typeof VetDrugTableSchema>;
export type VetDrug = Static<typeof Drug>;

export const SHIPPED_VET_DRUG_TABLE = "vet-drugs.json";

export function loadVetDrugTable(file?: string): VetDrugTable {
  return loadDataFile<VetDrugTable>(
    VetDrugTableSchema,
    SHIPPED_VET_DRUG_TABLE,
    "兽药休药期表 / vet drug table",
    file,
  );
}

/** The drugs a text names (1%马杜霉素铵预混剂 → 马杜霉素), longest name first. */
export function drugsIn(table: VetDrugTable, text: string): VetDrug[] {
  const hay = text.toLowerCase();
  return table.drugs.filter((d) => [d.name, d.en, ...d.names].some((n) => hay.includes(n.toLowerCase())));
}
