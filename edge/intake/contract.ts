import { type Static, type TSchema, Type } from "@sinclair/typebox";
import type { DeviceMessageKind } from "../../broker/topics.js";
import { WEIGHT_UNITS } from "../core/mass-units.js";

/**
 * Payload schemas of the public MQTT contract v1 (DESIGN.md). Each is the single source of the
 * type the station works with and of the validation a device message passes.
 */

const Ts = Type.Optional(
  Type.Union([Type.String({ minLength: 1, maxLength: 40 }), Type.Number()], {
    description: "ISO-8601 或毫秒时间戳；不填取接收时间 / ISO-8601 or epoch ms; default receive time",
  }),
);
const MsgId = Type.Optional(
  Type.Union([Type.String({ minLength: 1, maxLength: 128 }), Type.Integer({ minimum: 0 })], {
    description: "设备侧消息编号，重发时不变 / device message id, unchanged on resend",
  }),
);

export const ReadingPayload = Type.Object({
  ts: Ts,
  msgId: MsgId,
  values: Type.Record(Type.String({ minLength: 1, maxLength: 64 }), Type.Number(), { minProperties: 1 }),
});

export const WeightPayload = Type.Object({
  ts: Ts,
  msgId: MsgId,
  net: Type.Number(),
  unit: Type.Union(WEIGHT_UNITS.map((unit) => Type.Literal(unit))),
  stable: Type.Boolean(),
  tare: Type.Optional(Type.Number({ minimum: 0 })),
  /** Optional: the scale's own status, for readings that are not weights (overload, underload). */
  state: Type.Optional(Type.Union([Type.Literal("ok"), Type.Literal("overload"), Type.Literal("underload")])),
});

export const InputPayload = Type.Object({
  ts: Ts,
  msgId: MsgId,
  site: Type.String({ minLength: 1, maxLength: 64 }),
  kind: Type.Union([
    Type.Literal("pesticide"),
    Type.Literal("fertilizer"),
    Type.Literal("vet_drug"),
    Type.Literal("feed"),
  ]),
  name: Type.String({ minLength: 1, maxLength: 128 }),
  regNo: Type.Optional(Type.String({ maxLength: 32 })),
  activeIngredient: Type.Optional(Type.String({ maxLength: 128 })),
  dose: Type.Optional(Type.String({ maxLength: 64 })),
  amount: Type.Number({ minimum: 0 }),
  unit: Type.String({ minLength: 1, maxLength: 16 }),
  method: Type.Optional(Type.String({ maxLength: 64 })),
  intervalDays: Type.Integer({ minimum: 0, maximum: 3650 }),
  operator: Type.String({ minLength: 1, maxLength: 64 }),
  crop: Type.Optional(Type.String({ maxLength: 64 })),
  target: Type.Optional(Type.String({ maxLength: 128 })),
});

export const ScanPayload = Type.Object({
  ts: Ts,
  msgId: MsgId,
  code: Type.String({ minLength: 1, maxLength: 4096 }),
});

export const TestPayload = Type.Object({
  ts: Ts,
  msgId: MsgId,
  sample: Type.String({ minLength: 1, maxLength: 128 }),
  method: Type.String({ minLength: 1, maxLength: 64 }),
  inhibition: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  result: Type.Optional(
    Type.Union([Type.Literal("negative"), Type.Literal("positive"), Type.Literal("suspect")]),
  ),
  site: Type.Optional(Type.String({ maxLength: 64 })),
  batch: Type.Optional(Type.String({ maxLength: 64 })),
  operator: Type.Optional(Type.String({ maxLength: 64 })),
});

export const StatusPayload = Type.Object({
  ts: Ts,
  state: Type.Union([Type.Literal("online"), Type.Literal("offline")]),
});

/** A device's answer to a command from the station (trace/v1/dev/{id}/cmd/…): did it act. */
export const AckPayload = Type.Object({
  ts: Ts,
  msgId: MsgId,
  cmdId: Type.String({
    minLength: 1,
    maxLength: 128,
    description: "命令里的 cmdId 原样带回 / the command's cmdId",
  }),
  ok: Type.Boolean({ description: "true = 已执行 / carried out" }),
  detail: Type.Optional(Type.String({ maxLength: 200, description: "失败原因等 / why it failed, etc." })),
});

export const CONTRACT: Record<DeviceMessageKind, TSchema> = {
  reading: ReadingPayload,
  weight: WeightPayload,
  input: InputPayload,
  scan: ScanPayload,
  test: TestPayload,
  status: StatusPayload,
  ack: AckPayload,
};

export type ReadingMessage = Static<typeof ReadingPayload>;
export type WeightMessage = Static<typeof WeightPayload>;
export type InputMessage = Static<typeof InputPayload>;
export type ScanMessage = Static<typeof ScanPayload>;
export type TestMessage = Static<typeof TestPayload>;
export type StatusMessage = Static<typeof StatusPayload>;
export type AckMessage = Static<typeof AckPayload>;
