import { Type } from "@sinclair/typebox";
import { ANIMAL_SEXES, ANIMAL_STATUSES } from "./animal.js";
import { SPECIES_LIST } from "./ear-tag.js";

const literals = <T extends string>(values: readonly T[], description: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { description },
  );

const Day = (description: string) => Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description });

export const EarTagText = Type.String({
  minLength: 1,
  maxLength: 40,
  description: "耳标号（15位，可写成 2-630121-00012345）/ ear tag, 15 digits, dashes allowed",
});

export const RegisterAnimalBody = Type.Object(
  {
    tag: EarTagText,
    species: literals(SPECIES_LIST, "畜种 pig|cattle|sheep"),
    sex: Type.Optional(literals(ANIMAL_SEXES, "性别 / sex")),
    bornOn: Type.Optional(Day("出生日期 / birth day")),
    arrivedOn: Type.Optional(Day("引入日期 / arrival day")),
    source: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: "来源（卖方、原养殖场）/ source" }),
    ),
    siteId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: "圈舍 / pen" })),
    rfid: Type.Optional(
      Type.String({
        pattern: "^\\d{15}$",
        description: "电子耳标号（ISO 11784，15位）/ RFID number, 15 digits",
      }),
    ),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const UpdateAnimalBody = Type.Object(
  {
    siteId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: "转到圈舍 / move to pen" }),
    ),
    status: Type.Optional(literals(ANIMAL_STATUSES, "状态 / status")),
    rfid: Type.Optional(
      Type.String({ pattern: "^\\d{15}$", description: "绑定电子耳标 / bind RFID number" }),
    ),
  },
  { additionalProperties: false },
);

export const ReplaceTagBody = Type.Object(
  {
    newTag: EarTagText,
    reason: Type.Optional(Type.String({ maxLength: 200, description: "原因（磨损、脱落）/ reason" })),
  },
  { additionalProperties: false },
);

export const TreatBody = Type.Object(
  {
    tags: Type.Optional(
      Type.Array(EarTagText, { minItems: 1, maxItems: 500, description: "逐头用药 / animals" }),
    ),
    siteId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: "整圈用药 / a whole pen" }),
    ),
    drug: Type.String({ minLength: 1, maxLength: 200, description: "兽药名称 / drug" }),
    appliedAt: Type.Optional(Type.Integer({ minimum: 0, description: "用药时间 / when given" })),
    meatDays: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 3650, description: "休药期（天）/ withdrawal, days" }),
    ),
    milkDays: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 3650, description: "弃奶期（天）/ milk withdrawal, days" }),
    ),
    dose: Type.Optional(Type.String({ maxLength: 200 })),
    operator: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

export const OpenSaleBody = Type.Object(
  {
    kind: literals(["sale", "slaughter"] as const, "出栏销售或屠宰 / sale or slaughter"),
    destination: Type.Optional(Type.String({ maxLength: 200, description: "去向 / destination" })),
    quarantineNo: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: "动物检疫合格证明编号 / quarantine certificate number",
      }),
    ),
    productId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: "产品（开合格证用）/ product" }),
    ),
  },
  { additionalProperties: false },
);

export const ScanBody = Type.Object(
  {
    code: Type.String({
      minLength: 1,
      maxLength: 64,
      description: "耳标号或电子耳标读数 / ear tag or RFID read",
    }),
    weightKg: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, maximum: 3000, description: "活重 kg / live weight" }),
    ),
    deviceId: Type.Optional(Type.String({ maxLength: 64, description: "扫码或称重设备 / scanner or scale" })),
  },
  { additionalProperties: false },
);

export const CloseSaleBody = Type.Object(
  {
    quarantineNo: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: "动物检疫合格证明编号 / quarantine certificate number",
      }),
    ),
  },
  { additionalProperties: false },
);
