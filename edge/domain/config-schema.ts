import { type Static, Type } from "@sinclair/typebox";

/** One rapid-screen method and the inhibition at which a sample counts as positive. */
export const ScreenThreshold = Type.Object(
  {
    method: Type.String({
      minLength: 1,
      maxLength: 64,
      description: "检测方法标准号 / method standard, e.g. GB/T 5009.199-2003",
    }),
    aliases: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
      default: [],
      description: "设备上报的其他写法 / other names devices send for this method",
    }),
    covers: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
      default: [],
      description:
        "方法能检出的农药类别（用什么药、检什么药），如酶抑制法只检有机磷和氨基甲酸酯类 / pesticide classes the method detects, e.g. enzyme inhibition: organophosphate, carbamate",
    }),
    positiveAtOrAbove: Type.Number({
      minimum: 0,
      maximum: 100,
      description:
        "抑制率达到或超过此值（%）判为阳性 / inhibition % at or above which the result is positive",
    }),
  },
  { additionalProperties: false },
);
export type ScreenThreshold = Static<typeof ScreenThreshold>;

export const DomainSection = Type.Object(
  {
    screenThresholds: Type.Array(ScreenThreshold, {
      default: [
        // GB/T 5009.199-2003 §7: inhibition ≥ 50 % is positive.
        {
          method: "GB/T 5009.199-2003",
          aliases: ["enzyme-inhibition", "酶抑制法", "GB/T 5009.199"],
          // The method's scope (§1): organophosphate and carbamate pesticides only.
          covers: ["organophosphate", "carbamate"],
          positiveAtOrAbove: 50,
        },
        // NY/T 448's threshold is not settled for this station: confirm against the kit's manual.
        {
          method: "NY/T 448",
          aliases: ["NY/T 448-2001"],
          covers: ["organophosphate", "carbamate"],
          positiveAtOrAbove: 50,
        },
      ],
      description:
        "速测方法的阳性判定阈值；设备未给结果时按此判定 / per-method positive thresholds used when a device sends inhibition without a result",
    }),
    bannedListFile: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          "禁限用农药名录文件（JSON），不填用随软件发布的版本 / banned-pesticide list file (JSON); default: the shipped version",
      }),
    ),
    vetDrugListFile: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          "食品动物禁用兽药清单文件（JSON），不填用随软件发布的版本 / drugs banned for food animals (JSON); default: the shipped version",
      }),
    ),
    synonymFile: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          "农药通用名/商品名对照表（JSON），不填用随软件发布的版本 / pesticide synonym table (JSON); default: the shipped version",
      }),
    ),
    vetDrugTableFile: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          "兽药休药期与产蛋期/泌乳期禁用表（JSON）/ veterinary drug withdrawal table (JSON); default: the shipped version",
      }),
    ),
    retestPolicy: Type.Object(
      {
        positive: Type.Union([Type.Literal("lab_negative"), Type.Literal("retest_negative")], {
          default: "lab_negative",
          description:
            "速测阳性后需要的复检：lab_negative 委托检测阴性，retest_negative 任一复检阴性 / re-test a positive screen needs",
        }),
        suspect: Type.Union([Type.Literal("lab_negative"), Type.Literal("retest_negative")], {
          default: "retest_negative",
          description: "可疑结果需要的复检 / re-test a suspect result needs",
        }),
      },
      {
        additionalProperties: false,
        default: {},
        description: "复检规则，记入每张合格证 / re-test policy, recorded on every certificate",
      },
    ),
    recordRetentionDays: Type.Integer({
      minimum: 730,
      maximum: 36500,
      default: 730,
      description:
        "合格证开具记录最短保存天数（不少于两年）/ least days certificate records are kept (≥ 2 years)",
    }),
  },
  { additionalProperties: false, default: {} },
);
export type DomainConfig = Static<typeof DomainSection>;
