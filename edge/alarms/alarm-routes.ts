import "../http/http-codes.js";
import "./alarm-codes.js";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { StationError } from "../core/station-error.js";
import type { AccessGuard } from "../http/access-guard.js";
import type { AlarmActor } from "./alarm-record.js";
import type { StationAlarms } from "./alarms.js";
import { ALARM_PRESETS } from "./presets.js";
import { AlarmRuleInput } from "./rule-schema.js";

const IdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const RuleIdParam = Type.Object({ id: Type.String({ minLength: 1, maxLength: 48 }) });
const ListQuery = Type.Object({
  state: Type.Optional(Type.Union([Type.Literal("open"), Type.Literal("cleared"), Type.Literal("all")])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
});
const AckBody = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 64,
      description: "确认人姓名（共用 PIN 时必须写）/ the name of the person acknowledging",
    }),
    note: Type.String({ maxLength: 500, default: "", description: "处理说明 / what was done" }),
  },
  { additionalProperties: false },
);

/**
 * Early warning over HTTP. Reads are public like the trace page (where, what, since when);
 * acknowledging needs the kiosk PIN or the admin token, and the typed name is kept beside the
 * credential it came with (one PIN is shared by a whole packing house); rules need the admin token.
 */
export function registerAlarmRoutes(
  api: FastifyInstance,
  deps: { alarms: StationAlarms; guard: AccessGuard },
): void {
  const { alarms, guard } = deps;
  api.get(
    "/alarms",
    { schema: { summary: "预警记录 / alarms", tags: ["alarms"], querystring: ListQuery } },
    async (request) => {
      const q = request.query as { state?: "open" | "cleared" | "all"; limit?: number };
      return {
        alarms: alarms.store
          .list({ state: q.state ?? "open", ...(q.limit ? { limit: q.limit } : {}) })
          .map((a) => alarms.present(a)),
      };
    },
  );
  api.get(
    "/alarms/:id",
    { schema: { summary: "一条预警 / one alarm", tags: ["alarms"], params: IdParam } },
    async (request) => {
      const { id } = request.params as { id: number };
      const alarm = alarms.store.get(id);
      if (!alarm) throw new StationError("ALARM_NOT_FOUND", `预警 ${id} 不存在 / no alarm ${id}`, { id });
      return { alarm: alarms.present(alarm) };
    },
  );
  api.post(
    "/alarms/:id/ack",
    {
      schema: {
        summary: "确认预警（记录确认人和说明）/ acknowledge an alarm",
        tags: ["alarms"],
        "x-role": "kiosk",
        params: IdParam,
        body: AckBody,
      },
    },
    async (request) => {
      const role = await guard.require(request, "kiosk");
      const { id } = request.params as { id: number };
      const body = request.body as { name: string; note?: string };
      const name = body.name.trim();
      if (name.length === 0) {
        throw new StationError("HTTP_BAD_REQUEST", "请写确认人姓名 / write the name of who acknowledges", {
          field: "name",
        });
      }
      const actor: AlarmActor = { via: role === "admin" ? "admin-token" : "kiosk-pin", name };
      return { alarm: alarms.present(alarms.engine.acknowledge(id, actor, body.note?.trim() ?? "")) };
    },
  );
  api.get("/alarm-rules", { schema: { summary: "预警规则 / alarm rules", tags: ["alarms"] } }, async () => ({
    rules: alarms.rules.all(),
  }));
  api.get(
    "/alarm-presets",
    { schema: { summary: "预设规则及其依据 / shipped presets", tags: ["alarms"] } },
    async () => ({
      presets: ALARM_PRESETS,
    }),
  );
  api.post(
    "/alarm-rules",
    {
      schema: {
        summary: "添加预警规则 / add an alarm rule",
        tags: ["alarms"],
        "x-role": "admin",
        body: AlarmRuleInput,
      },
      preHandler: guard.hook("admin"),
    },
    async (request, reply) =>
      reply.code(201).send({ rule: alarms.rules.add(request.body as AlarmRuleInput) }),
  );
  api.delete(
    "/alarm-rules/:id",
    {
      schema: {
        summary: "删除预警规则 / remove an alarm rule",
        tags: ["alarms"],
        "x-role": "admin",
        params: RuleIdParam,
      },
      preHandler: guard.hook("admin"),
    },
    async (request, reply) => {
      alarms.rules.remove((request.params as { id: string }).id);
      return reply.code(204).send();
    },
  );
}
