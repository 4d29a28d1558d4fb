import "./intake-codes.js";
import { isUtf8 } from "node:buffer";
import type { TSchema } from "@sinclair/typebox";
import { type TypeCheck, TypeCompiler } from "@sinclair/typebox/compiler";
import { ValueErrorType } from "@sinclair/typebox/errors";
import type { DeviceMessageKind } from "../../broker/topics.js";
import type { ErrorCode } from "../core/error-codes.js";
import { metricDefinition } from "../core/metric-registry.js";
import { CONTRACT } from "./contract.js";
import { parseDeviceTime } from "./time.js";

/** A device message that passed the contract, ready to be written. */
export interface AcceptedMessage {
  deviceId: string;
  kind: DeviceMessageKind;
  msgId: string | null;
  ts: number;
  receivedAt: number;
  /** The validated payload as JSON text, stored as sent. */
  payload: string;
  /** For readings: metric/value pairs, already range-checked. */
  values?: Array<[string, number]>;
  /** For status: the new state. */
  online?: boolean;
}

export interface Refusal {
  code: ErrorCode;
  reason: string;
}

export type Decoded = { ok: true; message: AcceptedMessage } | { ok: false; refusal: Refusal };

const checks = Object.fromEntries(
  Object.entries(CONTRACT).map(([kind, schema]) => [kind, TypeCompiler.Compile(schema)]),
) as Record<DeviceMessageKind, TypeCheck<TSchema>>;

const refuse = (code: ErrorCode, reason: string): Decoded => ({ ok: false, refusal: { code, reason } });

/**
 * Bytes from a device → an accepted message or the one reason it is refused. Pure: the same
 * bytes at the same receive time always give the same answer.
 */
export function decodeDeviceMessage(
  deviceId: string,
  kind: DeviceMessageKind,
  bytes: Buffer,
  receivedAt: number,
  maxBytes: number,
): Decoded {
  if (bytes.length > maxBytes) {
    return refuse("INTAKE_TOO_LARGE", `消息 ${bytes.length} 字节，超过上限 ${maxBytes} / payload over limit`);
  }
  if (!isUtf8(bytes)) return refuse("INTAKE_BAD_UTF8", "消息含非 UTF-8 字节 / payload is not UTF-8");
  const text = bytes.toString("utf8");
  let body: unknown;
  if (kind === "status" && (text === "online" || text === "offline")) {
    body = { state: text };
  } else {
    try {
      body = JSON.parse(text);
    } catch (err) {
      return refuse("INTAKE_BAD_JSON", `JSON 解析失败 / JSON parse error: ${(err as Error).message}`);
    }
  }
  const check = checks[kind];
  if (!check.Check(body)) return schemaRefusal(check, body);
  const fields = body as { ts?: string | number; msgId?: string | number };
  const time = parseDeviceTime(fields.ts, receivedAt);
  if (!time.ok) return refuse("INTAKE_BAD_TIME", time.reason);
  const message: AcceptedMessage = {
    deviceId,
    kind,
    msgId: fields.msgId === undefined ? null : String(fields.msgId),
    ts: time.ms,
    receivedAt,
    payload: kind === "status" ? JSON.stringify(body) : text,
  };
  if (kind === "reading") {
    const values = (body as { values: Record<string, number> }).values;
    const pairs: Array<[string, number]> = [];
    for (const name in values) {
      const value = values[name] as number;
      const def = metricDefinition(name);
      if (!def) return refuse("INTAKE_UNKNOWN_METRIC", `未知测量项 "${name}" / unknown metric "${name}"`);
      if (!Number.isFinite(value) || value < def.min || value > def.max) {
        return refuse(
          "INTAKE_OUT_OF_RANGE",
          `${name}=${value} 超出 ${def.min}–${def.max} ${def.unit} / ${name} out of range ${def.min}–${def.max} ${def.unit}`,
        );
      }
      pairs.push([name, value]);
    }
    message.values = pairs;
  } else if (kind === "status") {
    message.online = (body as { state: string }).state === "online";
  }
  return { ok: true, message };
}

function schemaRefusal(check: TypeCheck<TSchema>, body: unknown): Decoded {
  const first = check.Errors(body).First();
  if (!first) return refuse("INTAKE_INVALID_FIELD", "消息不符合协议 / payload does not match the contract");
  const path = first.path || "/";
  if (first.type === ValueErrorType.ObjectRequiredProperty) {
    return refuse("INTAKE_MISSING_FIELD", `缺少字段 ${path} / missing field ${path}`);
  }
  return refuse(
    "INTAKE_INVALID_FIELD",
    `字段 ${path} 不对：${first.message} / invalid field ${path}: ${first.message}`,
  );
}
