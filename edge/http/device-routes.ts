import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import type { DeviceRegistry } from "../../broker/device-registry.js";
import type { AccessGuard } from "./access-guard.js";
import { DeviceHealthSchema, DeviceProblemSchema } from "./device-health-schema.js";
import type { DeviceOverviewQuery } from "./device-overview.js";

const DeviceParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64, description: "设备编号 / device id" }),
});

const DeviceOverviewSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  site: Type.Union([Type.String(), Type.Null()]),
  online: Type.Boolean(),
  internal: Type.Boolean({ description: "站内驱动（不经 MQTT 登录）/ station-internal driver" }),
  lastSeenAt: Type.Union([Type.Integer(), Type.Null()]),
  lastMessage: Type.Union([
    Type.Object({
      kind: Type.String(),
      ts: Type.Integer(),
      receivedAt: Type.Integer(),
      payload: Type.Unknown(),
    }),
    Type.Null(),
  ]),
  lastRefusal: Type.Union([
    Type.Object({
      code: Type.String(),
      reason: Type.String(),
      topic: Type.String(),
      receivedAt: Type.Integer(),
    }),
    Type.Null(),
  ]),
  refusals: Type.Integer(),
  health: Type.Union([DeviceHealthSchema, Type.Null()]),
  problem: Type.Union([DeviceProblemSchema, Type.Null()]),
});

/** Devices page API: list (read, kiosk role — it shows topics and payloads) and credential reset (admin). */
export function registerDeviceRoutes(
  app: FastifyInstance,
  deps: { guard: AccessGuard; devices: DeviceRegistry; overview: DeviceOverviewQuery },
): void {
  const scope = app.withTypeProvider<TypeBoxTypeProvider>();
  const { guard, devices, overview } = deps;
  scope.get(
    "/devices",
    {
      schema: {
        summary:
          "设备及其在线状态、健康（链路、帧、问题与处理办法）、最后消息、最后拒收原因 / devices with state, health (link, frames, problem and remedy), last message, last refusal",
        tags: ["devices"],
        "x-role": "kiosk",
        response: { 200: Type.Object({ devices: Type.Array(DeviceOverviewSchema) }) },
      },
      preHandler: async (request) => {
        await guard.require(request, "kiosk");
      },
    },
    async () => ({ devices: overview.list() }),
  );
  scope.post(
    "/devices/:id/reset-credentials",
    {
      schema: {
        summary: "重置设备密码（新密码只显示一次）/ reset a device's password (shown once)",
        tags: ["devices"],
        "x-role": "admin",
        params: DeviceParams,
        response: { 200: Type.Object({ id: Type.String(), secret: Type.String() }) },
      },
      preHandler: async (request) => {
        await guard.require(request, "admin");
      },
    },
    async (request) => {
      const { id } = request.params;
      const { secret } = await devices.resetSecret(id);
      request.log.info({ device: id }, "device credentials reset from the kiosk");
      return { id, secret };
    },
  );
}
