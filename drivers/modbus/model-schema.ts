import { type Static, Type } from "@sinclair/typebox";

/**
 * A sensor model's register map, one JSON file per model in drivers/modbus/models (data, not
 * code: soil probes that look alike differ by vendor, DOMAIN.md §5).
 */
export const RegisterSchema = Type.Object(
  {
    metric: Type.String({ minLength: 1, description: "指标名，取自指标表 / metric name from the registry" }),
    address: Type.Integer({
      minimum: 0,
      maximum: 65535,
      description: "寄存器地址（从 0 起）/ register address, 0-based",
    }),
    type: Type.Union(
      ["int16", "uint16", "int32", "uint32", "float32"].map((t) => Type.Literal(t)),
      { description: "数据类型 / data type" },
    ),
    scale: Type.Number({ default: 1, description: "换算系数，如 0.1 / scale factor, e.g. 0.1" }),
    offset: Type.Number({ default: 0, description: "换算后加上的偏移 / added after scaling" }),
    wordOrder: Type.Optional(
      Type.Union([Type.Literal("big"), Type.Literal("little")], {
        description:
          "32 位值的字序：big = 高字在前 (ABCD)，little = 低字在前 (CDAB) / word order of 32-bit values",
      }),
    ),
    sample: Type.Optional(
      Type.Number({ description: "模拟器使用的示例值 / value the simulator answers with" }),
    ),
  },
  { additionalProperties: false },
);

export const ModelSchema = Type.Object(
  {
    model: Type.String({
      pattern: "^[a-z0-9][a-z0-9-]{0,63}$",
      description: "型号名 = 文件名 / model name = file name",
    }),
    title: Type.Object({ zh: Type.String(), en: Type.String() }, { additionalProperties: false }),
    notes: Type.Optional(Type.String()),
    function: Type.Union([Type.Literal(3), Type.Literal(4)], {
      description: "功能码 03 保持寄存器 / 04 输入寄存器 / function 03 holding or 04 input registers",
    }),
    wordOrder: Type.Union([Type.Literal("big"), Type.Literal("little")], { default: "big" }),
    registers: Type.Array(RegisterSchema, { minItems: 1, maxItems: 64 }),
  },
  { additionalProperties: false },
);

export type SensorModel = Static<typeof ModelSchema>;
export type RegisterDef = Static<typeof RegisterSchema>;

export const wordsOf = (type: RegisterDef["type"]): number => (type === "int16" || type === "uint16" ? 1 : 2);

/** The one block read that covers every register of a model. */
export function readSpan(model: SensorModel): { start: number; count: number } {
  const start = Math.min(...model.registers.map((r) => r.address));
  const end = Math.max(...model.registers.map((r) => r.address + wordsOf(r.type)));
  return { start, count: end - start };
}
