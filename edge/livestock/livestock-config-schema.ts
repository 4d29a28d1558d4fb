import { type Static, Type } from "@sinclair/typebox";

/** The `livestock` config section: the ear tag's county table and its extra codes. */
export const LivestockSection = Type.Object(
  {
    countyTable: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          "另用的县级行政区划代码表（JSON，格式同内置表）；默认用内置的2023年县级代码表 / another county code table file (same format as the shipped one)",
      }),
    ),
    extraCountyCodes: Type.Record(Type.String({ pattern: "^\\d{6}$" }), Type.String({ minLength: 1 }), {
      default: {},
      description:
        '另外接受的县级代码（如撤并前旧代码的耳标）：{"630122": "湟中县（旧）"} / extra county codes to accept (e.g. retired codes still on tags)',
    }),
  },
  { additionalProperties: false, default: {} },
);
export type LivestockConfig = Static<typeof LivestockSection>;
