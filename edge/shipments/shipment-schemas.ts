import { type Static, Type } from "@sinclair/typebox";

/** What callers hand the shipments component (kiosk routes, CLI): the single source of type and validation. */

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const OptText = (max: number, description: string) =>
  Type.Optional(Type.String({ maxLength: max, description }));

export const NewBuyer = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 128, description: "购货方名称或姓名 / buyer name" }),
    idKind: Type.Optional(
      Type.Union([Type.Literal("credit_code"), Type.Literal("id_card")], {
        description: "统一社会信用代码或居民身份证号（可由号码推断）/ credit code or ID card (inferred)",
      }),
    ),
    idNumber: Type.Optional(
      Type.String({ maxLength: 18, description: "统一社会信用代码或身份证号 / credit code or ID number" }),
    ),
    phone: OptText(32, "手机或固话 / mobile or landline"),
    market: OptText(128, "批发市场或摊位 / market or stall"),
    address: OptText(256, "地址 / address"),
    needsCertificate: Type.Optional(
      Type.Boolean({ description: "需随货交合格证 / wants the certificate with the goods" }),
    ),
  },
  { additionalProperties: false },
);
export type NewBuyer = Static<typeof NewBuyer>;

export const ShipmentLine = Type.Object(
  {
    lot: Text(64),
    quantityKg: Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000, description: "千克 / kilograms" }),
  },
  { additionalProperties: false },
);

export const NewShipment = Type.Object(
  {
    buyerId: Type.Optional(Type.Integer({ minimum: 1, description: "登记过的购货方 / a registered buyer" })),
    buyer: Type.Optional(NewBuyer),
    shippedAt: Type.Integer({ minimum: 0, description: "出库时间 / when it left (epoch ms)" }),
    scans: Type.Array(Type.String({ minLength: 1, maxLength: 512 }), {
      default: [],
      maxItems: 5000,
      description: "扫到的包装标签（二维码内容或包装号）/ package label scans (QR text or serial)",
    }),
    lines: Type.Array(ShipmentLine, {
      default: [],
      maxItems: 100,
      description: "按批次出库的数量（无标签的散货）/ quantities from a batch without labels",
    }),
    certificates: Type.Array(Text(64), {
      default: [],
      maxItems: 100,
      description: "随货交付的合格证编号 / certificates handed over",
    }),
    vehiclePlate: OptText(16, "车牌号 / vehicle plate"),
    note: OptText(500, "备注 / note"),
  },
  { additionalProperties: false },
);
export type NewShipment = Static<typeof NewShipment>;
