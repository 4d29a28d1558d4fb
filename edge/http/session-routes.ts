import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import type { StationConfig } from "../config/schema.js";
import type { OperatorStore } from "../operators/operator-store.js";
import type { AccessGuard } from "./access-guard.js";

const Role = Type.Union([Type.Literal("kiosk"), Type.Literal("admin")]);

/**
 * `GET /api/kiosk` (public: what the kiosk shell needs before login) and `POST /api/session`
 * (checks the PIN or token the worker typed, so a typo is caught at the keypad and not at the
 * first print).
 */
export function registerSessionRoutes(
  scope: FastifyInstance,
  deps: { guard: AccessGuard; config: Readonly<StationConfig>; operators?: OperatorStore },
): void {
  scope.get(
    "/kiosk",
    {
      schema: {
        summary: "操作屏设置 / kiosk settings",
        tags: ["kiosk"],
        response: {
          200: Type.Object({
            station: Type.Object({ code: Type.String(), name: Type.String() }),
            language: Type.String(),
            autoPrint: Type.Boolean(),
            personalSignIn: Type.Boolean({
              description:
                "已登记操作员：每人用编号 + PIN 登录，公用 PIN 失效 / operators exist: each signs in with number + PIN, the shared PIN is off",
            }),
            idleSignOutS: Type.Integer(),
          }),
        },
      },
    },
    async () => ({
      station: { code: deps.config.station.code, name: deps.config.station.name },
      language: deps.config.kiosk.language,
      autoPrint: deps.config.kiosk.autoPrint,
      personalSignIn: deps.operators?.anyEnabled() ?? false,
      idleSignOutS: deps.config.kiosk.idleSignOutS,
    }),
  );
  scope.post(
    "/session",
    {
      schema: {
        summary: "校验 PIN 或管理令牌 / check a kiosk PIN or admin token",
        tags: ["kiosk"],
        "x-role": "kiosk",
        response: { 200: Type.Object({ role: Role }) },
      },
    },
    async (request) => ({ role: await deps.guard.require(request, "kiosk") }),
  );
}
