import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { type Static, Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { LINE_MODES } from "../packing-line/line-settings.js";
import type { PackingLines } from "../packing-line/packing-lines.js";
import "../operators/operator-codes.js";
import { StationError } from "../core/station-error.js";
import type { AccessGuard } from "./access-guard.js";
import { mayOverride, requestActor } from "./actor.js";
import { lineAttendant } from "./line-attendant.js";

const LineParams = Type.Object({
  id: Type.String({
    minLength: 1,
    maxLength: 64,
    description: "包装线 = 电子秤设备编号 / line = scale device id",
  }),
});
const Kg = (description: string) => Type.Number({ exclusiveMinimum: 0, maximum: 100000, description });
const By = Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: "操作员 / operator" }));

/** Everything a pack screen can ask of its line, as one body with the intent's name. */
export const LineIntent = Type.Union([
  Type.Object(
    { intent: Type.Literal("print"), by: By },
    { description: "打印秤上这件 / print what is on the pan" },
  ),
  Type.Object(
    { intent: Type.Literal("accept"), by: By },
    { description: "不打标签直接记入 / accept without label" },
  ),
  Type.Object({ intent: Type.Literal("manual"), netKg: Kg("手输净重 kg / typed net kg"), by: By }),
  Type.Object({
    intent: Type.Literal("batch"),
    lot: Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()]),
  }),
  Type.Object({
    intent: Type.Literal("settings"),
    mode: Type.Optional(Type.Union(LINE_MODES.map((m) => Type.Literal(m)))),
    auto: Type.Optional(Type.Boolean({ description: "稳定后自动打印 / print without a tap" })),
    minPackageKg: Type.Optional(Type.Number({ minimum: 0, maximum: 1000 })),
    targetKg: Type.Optional(Type.Union([Kg("目标重量 / target"), Type.Null()])),
    toleranceKg: Type.Optional(Type.Number({ minimum: 0, maximum: 1000 })),
    nominalKg: Type.Optional(Type.Union([Kg("标称重量 / nominal"), Type.Null()])),
  }),
  Type.Object({ intent: Type.Literal("tare") }),
  Type.Object({ intent: Type.Literal("clear-tare") }),
  Type.Object({ intent: Type.Literal("cancel-job"), by: By }),
  Type.Object({
    intent: Type.Literal("reprint"),
    serial: Type.String({ minLength: 1, maxLength: 96 }),
    by: By,
  }),
  Type.Object({
    intent: Type.Literal("void"),
    serial: Type.String({ minLength: 1, maxLength: 96 }),
    reason: Type.String({ minLength: 1, maxLength: 200, description: "作废原因（必填）/ why (required)" }),
    by: By,
  }),
]);
export type LineIntent = Static<typeof LineIntent>;

/**
 * The packing line's one endpoint for intents, and its state (also pushed live as `line`
 * events, so every screen on the line shows the same). The kiosk never decides what prints.
 */
export function registerLineRoutes(
  app: FastifyInstance,
  deps: { lines: PackingLines; guard: AccessGuard },
): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { lines } = deps;
  const kiosk = deps.guard.hook("kiosk");
  api.get(
    "/lines",
    { schema: { summary: "包装线（每台秤一条）/ packing lines, one per scale", tags: ["lines"] } },
    async () => ({ lines: lines.views() }),
  );
  api.get(
    "/lines/:id",
    { schema: { summary: "一条包装线的状态 / one line's state", tags: ["lines"], params: LineParams } },
    async (request) => ({ line: lines.get(request.params.id).view() }),
  );
  api.post(
    "/lines/:id/intents",
    {
      schema: {
        summary: "包装线操作：打印、记入、手输、选批次、方式、去皮、取消、补打、作废 / a line intent",
        tags: ["lines"],
        "x-role": "kiosk",
        params: LineParams,
        body: LineIntent,
      },
      preHandler: kiosk,
    },
    async (request) => {
      const line = lines.get(request.params.id);
      const { body } = request;
      const actor = requestActor(request);
      // A signed-in operator is who did it; only automation (the admin token) may name someone.
      const by = actor.id === null && "by" in body && body.by ? body.by : actor.name;
      // The line packs in this operator's name from now on, auto mode included.
      line.attend(lineAttendant(request, deps.guard));
      switch (body.intent) {
        case "print":
          return { line: line.print(by) };
        case "accept":
          return { line: line.accept(by) };
        case "manual":
          return { line: line.manual(body.netKg, by) };
        case "batch":
          return { line: line.selectBatch(body.lot) };
        case "settings": {
          const { intent: _, ...patch } = body;
          return { line: line.configure(patch) };
        }
        case "tare":
          return { line: line.tare() };
        case "clear-tare":
          return { line: line.clearTare() };
        case "cancel-job":
          return { line: line.cancelJob(by) };
        case "reprint":
          return { line: line.reprint(body.serial, by) };
        case "void":
          // A named worker may not void; the shared first-run PIN names nobody and keeps voiding.
          if (actor.id !== null && !mayOverride(actor)) {
            throw new StationError(
              "OPERATOR_ROLE_REFUSED",
              `${actor.name}（工人）不能作废包装，请主管登录 / ${actor.name} (worker) cannot void: a supervisor must sign in`,
              { actor: actor.name },
            );
          }
          return { line: line.voidPackage(body.serial, body.reason, by) };
      }
    },
  );
}
