import { type Static, Type } from "@sinclair/typebox";

/** Local retention of the station's own store (issue 16). */
export const StoreSection = Type.Object(
  {
    rawReadingDays: Type.Integer({
      minimum: 1,
      maximum: 36500,
      default: 90,
      description:
        "原始传感器读数保留天数；更早且各上传通道都已送达的读数只留小时汇总（批次、包装、合格证、投入品、检测等记录不受影响，至少保留两年）/ days raw sensor readings are kept; older ones that every uplink sink has delivered are reduced to their hourly rollups (batches, packages, certificates, inputs, tests are never removed by this)",
    }),
    retentionCheckMinutes: Type.Integer({
      minimum: 1,
      maximum: 1440,
      default: 60,
      description: "多久检查一次保留期限（分钟）/ how often retention runs, minutes",
    }),
    derivedWriteSeconds: Type.Integer({
      minimum: 0,
      maximum: 60,
      default: 10,
      description:
        "小时汇总和设备最近在线时间每隔几秒写入一次（0：每次提交都写；越短写卡越多）/ how often hourly rollups and devices' last seen time are written, seconds (0: in every commit; shorter writes more to the card)",
    }),
  },
  { additionalProperties: false, default: {} },
);

export type StoreConfig = Static<typeof StoreSection>;
