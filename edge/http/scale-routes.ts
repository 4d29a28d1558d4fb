import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import type { DeviceRegistry } from "../../broker/device-registry.js";
import type { Domain } from "../domain/domain.js";
import type { PackingLines } from "../packing-line/packing-lines.js";
import type { AccessGuard } from "./access-guard.js";
import type { DeviceHealthSource } from "./device-overview.js";
import { lineAttendant } from "./line-attendant.js";

const ScaleParams = Type.Object({
  deviceId: Type.String({ minLength: 1, maxLength: 64, description: "电子秤设备编号 / scale device id" }),
});

/**
 * Which batch each scale weighs into, and whether it prints without a tap: both are its
 * packing line's (edge/packing-line), these routes only pass the choice on (API clients; the
 * kiosk sends line intents).
 */
export function registerScaleRoutes(
  app: FastifyInstance,
  deps: {
    domain: Domain;
    devices: DeviceRegistry;
    guard: AccessGuard;
    lines: PackingLines;
    health?: DeviceHealthSource;
  },
): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { domain, devices, guard, lines } = deps;
  const health = deps.health ?? (() => []);
  const kiosk = guard.hook("kiosk");
  api.get(
    "/scales",
    { schema: { summary: "电子秤及其当前批次 / scales and the batch each weighs into", tags: ["scales"] } },
    async () => {
      const selected = new Map(domain.scales.all().map((s) => [s.deviceId, s.lot]));
      // A serial scale never logs in over MQTT: its driver says whether it works.
      const driven = new Map(health().map((h) => [h.id, h.online]));
      return {
        scales: devices
          .list()
          .filter((d) => d.kind === "scale")
          .map((d) => ({
            deviceId: d.id,
            online: driven.get(d.id) ?? d.online,
            lot: selected.get(d.id) ?? null,
            autoPrint: lines.get(d.id).view().settings.auto,
          })),
      };
    },
  );
  api.put(
    "/scales/:deviceId/batch",
    {
      schema: {
        summary: "选择电子秤称入的批次 / choose the batch a scale weighs into",
        tags: ["scales"],
        "x-role": "kiosk",
        params: ScaleParams,
        body: Type.Object({
          lot: Type.String({ minLength: 1, maxLength: 64 }),
          autoPrint: Type.Optional(
            Type.Boolean({ description: "稳定后自动打印 / print on every stable weight" }),
          ),
        }),
      },
      preHandler: kiosk,
    },
    async (request) => {
      const { deviceId } = request.params;
      const { lot, autoPrint } = request.body;
      const line = lines.get(deviceId);
      line.attend(lineAttendant(request, guard));
      line.selectBatch(lot);
      const view = line.configure({ auto: autoPrint === true });
      return { deviceId, lot, autoPrint: view.settings.auto };
    },
  );
  api.delete(
    "/scales/:deviceId/batch",
    {
      schema: {
        summary: "电子秤不再称入任何批次 / stop weighing into a batch",
        tags: ["scales"],
        "x-role": "kiosk",
        params: ScaleParams,
      },
      preHandler: kiosk,
    },
    async (request) => {
      const { deviceId } = request.params;
      lines.get(deviceId).selectBatch(null);
      return { deviceId, lot: null, autoPrint: lines.get(deviceId).view().settings.auto };
    },
  );
}
