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
          positiveAtOrAbove: 50,
        },
        // NY/T 448's threshold is not settled for this station: confirm against the kit's manual.
        { method: "NY/T 448", aliases: ["NY/T 448-2001"], positiveAtOrAbove: 50 },
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
