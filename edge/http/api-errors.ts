import "./http-codes.js";
import "../operators/operator-codes.js";
import type { FastifyError, FastifyInstance } from "fastify";
import type { ErrorCode } from "../core/error-codes.js";
import { isStationError, StationError } from "../core/station-error.js";

/** HTTP status for the codes whose meaning is not "the request cannot be done as asked" (422). */
const STATUS: Partial<Record<ErrorCode, number>> = {
  HTTP_AUTH_REQUIRED: 401,
  HTTP_TOKEN_WRONG: 401,
  HTTP_PIN_WRONG: 403,
  HTTP_ADMIN_REQUIRED: 403,
  HTTP_PIN_LOCKED: 429,
  OPERATOR_PIN_WRONG: 403,
  OPERATOR_DISABLED: 403,
  OPERATOR_SESSION_ENDED: 401,
  OPERATOR_SIGN_IN_REQUIRED: 403,
  OPERATOR_ROLE_REFUSED: 403,
  HTTP_BAD_REQUEST: 400,
  HTTP_BODY_TOO_LARGE: 413,
  HTTP_DISK_FULL: 507,
  HTTP_NOT_FOUND: 404,
  HTTP_UNAVAILABLE: 503,
  HTTP_INTERNAL: 500,
};

/** Components name their "no such record" codes `…_NOT_FOUND`; the rest are refusals (422). */
export function statusFor(code: ErrorCode): number {
  return STATUS[code] ?? (code.endsWith("_NOT_FOUND") ? 404 : code.endsWith("_EXISTS") ? 409 : 422);
}

export interface ApiErrorBody {
  error: Record<string, unknown> & { code: string; message: string };
}

/**
 * Every refusal as one JSON shape: `{ error: { code, message, title{zh,en}, remedy{zh,en}, … } }`.
 * Fastify's own validation errors become HTTP_BAD_REQUEST with the offending path.
 */
export function installErrorHandler(scope: FastifyInstance): void {
  scope.setErrorHandler((err: FastifyError | StationError, request, reply) => {
    let station: StationError;
    if (isStationError(err)) {
      station = err;
    } else if ((err as FastifyError).code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      station = new StationError("HTTP_BODY_TOO_LARGE", "请求内容过大 / request body too large");
    } else if (isOutOfSpace(err)) {
      request.log.error({ err, url: request.url, code: "HTTP_DISK_FULL" }, "write failed: no space left");
      station = new StationError("HTTP_DISK_FULL", "磁盘已满，未保存 / disk full, nothing was saved", {
        requestId: request.id,
      });
    } else if ((err as FastifyError).validation) {
      station = new StationError("HTTP_BAD_REQUEST", `请求字段不对 / invalid request: ${err.message}`, {
        fields: (err as FastifyError).validation?.map((v) => ({ path: v.instancePath, message: v.message })),
      });
    } else if (
      typeof (err as FastifyError).statusCode === "number" &&
      (err as FastifyError).statusCode! < 500
    ) {
      station = new StationError("HTTP_BAD_REQUEST", `请求不对 / bad request: ${err.message}`);
    } else {
      request.log.error({ err, url: request.url }, "request failed");
      station = new StationError("HTTP_INTERNAL", "站点内部错误 / internal error", { requestId: request.id });
    }
    const status = statusFor(station.code);
    if (station.code === "HTTP_PIN_LOCKED") {
      reply.header("retry-after", String(station.detail.retryAfterSeconds ?? 300));
    }
    reply.code(status).send({ error: station.toJSON() } as ApiErrorBody);
  });
  scope.setNotFoundHandler((_request, reply) => {
    // The path is not repeated back: an answer never echoes what a stranger sent.
    const err = new StationError("HTTP_NOT_FOUND", "没有这个地址 / no such path");
    reply.code(404).send({ error: err.toJSON() });
  });
}

/**
 * SQLite answers a full disk with SQLITE_FULL (https://sqlite.org/rescode.html#full), the
 * file system with ENOSPC (or EDQUOT for a quota); a refused write is then coded, with the
 * remedy, instead of an uncoded 500.
 */
function isOutOfSpace(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === "SQLITE_FULL" || code === "ENOSPC" || code === "EDQUOT";
}
