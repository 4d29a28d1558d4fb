import { type Static, Type } from "@sinclair/typebox";
import type { MessageRow } from "../store/message-row.js";
import type { OutboxRow } from "./uplink-rows.js";

/**
 * The station's own upward record format, version 1. One record per device message or domain
 * record; `id` is stable for the record's whole life (resends, restarts), so a receiver
 * de-duplicates on it, and `seq` grows within `stream`, so a receiver can check order.
 * `uplink-record-v1.schema.json` beside this file is generated from this schema (a unit test
 * keeps them equal) and is what platform operators receive as the documentation.
 */
export const RECORD_FORMAT_VERSION = 1;

export const UplinkRecordV1 = Type.Object(
  {
    v: Type.Literal(RECORD_FORMAT_VERSION, { description: "记录格式版本 / record format version" }),
    id: Type.String({
      minLength: 1,
      description:
        "记录的稳定编号，也是幂等键：同一记录重发时不变，接收方据此去重 / stable record id and idempotency key: unchanged on resend, de-duplicate on it",
    }),
    station: Type.String({ minLength: 1, description: "站点代码 / station code" }),
    stream: Type.String({
      minLength: 1,
      description:
        "有序流：device:<设备编号>，或 batches、packages、certificates 等 / ordered stream: device:<id>, or batches, packages, certificates, …",
    }),
    seq: Type.Integer({
      minimum: 1,
      description: "在同一流内递增（可有间隔）/ increases within the stream (gaps allowed)",
    }),
    kind: Type.String({
      minLength: 1,
      description:
        "记录类型：reading、weight、input、scan、test、status，或 batch、package、certificate 等 / record kind",
    }),
    source: Type.Union([Type.Literal("device"), Type.Literal("station")], {
      description: "device：设备消息原文；station：站点生成的业务记录 / device message or station record",
    }),
    device: Type.Optional(Type.String({ description: "设备编号（device 来源）/ device id" })),
    msgId: Type.Optional(Type.String({ description: "设备侧消息编号 / the device's own message id" })),
    time: Type.String({ format: "date-time", description: "事件时间 / when it happened" }),
    recordedAt: Type.String({
      format: "date-time",
      description: "站点记录时间 / when the station stored it",
    }),
    data: Type.Unknown({
      description:
        "记录内容：设备消息按 MQTT 协议 v1 原样，业务记录按站点的记录结构 / body: the device payload as sent (MQTT contract v1) or the station record",
    }),
  },
  {
    $id: "https://trace-station.example/schemas/uplink-record-v1.json",
    title: "trace-station uplink record v1",
    additionalProperties: false,
  },
);

export type UplinkRecord = Static<typeof UplinkRecordV1>;

export type { OutboxRow } from "./uplink-rows.js";

export const messageRecordId = (station: string, rowId: number): string => `${station}:msg:${rowId}`;
export const deviceStream = (deviceId: string): string => `device:${deviceId}`;

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Encode by concatenation: the stored payload is already validated JSON text, so it is
 * embedded as is rather than parsed and re-serialised (the drain's hot path).
 */
export function encodeMessageRecord(station: string, row: MessageRow): string {
  return (
    `{"v":1,"id":${JSON.stringify(messageRecordId(station, row.id))},"station":${JSON.stringify(station)}` +
    `,"stream":${JSON.stringify(deviceStream(row.device_id))},"seq":${row.id},"kind":${JSON.stringify(row.kind)}` +
    `,"source":"device","device":${JSON.stringify(row.device_id)}` +
    (row.msg_id === null ? "" : `,"msgId":${JSON.stringify(row.msg_id)}`) +
    `,"time":"${iso(row.ts)}","recordedAt":"${iso(row.received_at)}","data":${row.payload}}`
  );
}

export function encodeOutboxRecord(station: string, row: OutboxRow): string {
  return (
    `{"v":1,"id":${JSON.stringify(row.record_id)},"station":${JSON.stringify(station)}` +
    `,"stream":${JSON.stringify(row.stream)},"seq":${row.id},"kind":${JSON.stringify(row.kind)}` +
    `,"source":"station","time":"${iso(row.created_at)}","recordedAt":"${iso(row.created_at)}","data":${row.payload}}`
  );
}
