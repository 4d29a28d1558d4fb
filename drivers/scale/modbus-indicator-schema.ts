import { type Static, Type } from "@sinclair/typebox";

const Address = (what: string) =>
  Type.Integer({
    minimum: 0,
    maximum: 65535,
    description: `${what}寄存器地址（从 0 起）/ ${what} register, 0-based`,
  });
const Bit = (what: string) =>
  Type.Optional(
    Type.Integer({ minimum: 0, maximum: 15, description: `状态寄存器中${what}的位号 / bit for ${what}` }),
  );

/**
 * The register map of a Modbus-RTU weighing indicator or weighing transmitter (称重变送器),
 * as data: vendors put weight, decimal point and status in different registers, so the map is
 * configuration, read from the indicator's manual (Modbus register table, 寄存器地址表).
 */
export const ModbusIndicatorSection = Type.Object(
  {
    address: Type.Integer({ minimum: 1, maximum: 247, default: 1, description: "从站地址 / slave address" }),
    function: Type.Union([Type.Literal(3), Type.Literal(4)], {
      default: 3,
      description: "功能码 03 保持寄存器 / 04 输入寄存器 / function 03 or 04",
    }),
    wordOrder: Type.Union([Type.Literal("big"), Type.Literal("little")], {
      default: "big",
      description: "32 位重量的字序：big 高字在前 / little 低字在前 / word order of a 32-bit weight",
    }),
    weight: Type.Object(
      {
        address: Address("重量"),
        type: Type.Union(
          ["int16", "uint16", "int32", "uint32", "float32"].map((t) => Type.Literal(t)),
          { default: "int32", description: "重量的数据类型 / data type of the weight" },
        ),
      },
      { additionalProperties: false },
    ),
    decimals: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 6, description: "固定小数位数 / fixed number of decimals" }),
    ),
    decimalsRegister: Type.Optional(Address("小数点位数")),
    unit: Type.Union([Type.Literal("kg"), Type.Literal("g"), Type.Literal("t")], {
      default: "kg",
      description: "重量寄存器的单位 / unit of the weight register",
    }),
    status: Type.Optional(
      Type.Object(
        {
          address: Address("状态"),
          stableBit: Bit("稳定"),
          overloadBit: Bit("超载"),
          underloadBit: Bit("欠载"),
          stableWhen: Type.Union([Type.Literal(0), Type.Literal(1)], {
            default: 1,
            description: "稳定位为 1 还是 0 时表示稳定 / the stable bit's value when stable",
          }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export type ModbusIndicatorMap = Static<typeof ModbusIndicatorSection>;
