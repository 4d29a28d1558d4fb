import "../domain/domain-codes.js";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { Database } from "better-sqlite3";
import type { FastifyInstance } from "fastify";
import type { Domain } from "../domain/domain.js";
import { INPUT_KINDS } from "../domain/records.js";
import { NewIncoming, NewInput, NewTest } from "../domain/schemas.js";
import type { AccessGuard } from "./access-guard.js";
import type { EventHub } from "./event-hub.js";

const IncomingRequest = Type.Composite([
  NewIncoming,
  Type.Object({
    lot: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: "记入的包装批次 / packed batch it goes into" }),
    ),
  }),
]);

const Limit = Type.Object({
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 500, default: 50, description: "最多条数 / at most" }),
  ),
});

/** Inputs, tests and incoming lots: public reads (they appear on trace pages), kiosk writes. */
export function registerRecordRoutes(
  app: FastifyInstance,
  deps: { domain: Domain; guard: AccessGuard; db: Database; hub: EventHub },
): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { domain, guard, hub } = deps;
  // What the domain made of a scan reaches the kiosk live (the raw `scan` event comes from the
  // drivers): `incoming` lots for the lots screen (MQTT scanners too), `label_qr` pesticide label
  // QRs with what the registry knows of the product, for the input form.
  domain.events.on("incoming", (lot) =>
    hub.publish("incoming", { kind: lot.codeKind, code: lot.rawCode, lot }),
  );
  domain.events.on("label_qr", (scan) =>
    hub.publish("label_qr", {
      kind: "pesticide_label_qr",
      ...scan,
      prefill: domain.inputs.prefillFromLabelQr(scan.code) ?? null,
    }),
  );
  const kiosk = guard.hook("kiosk");
  api.get(
    "/inputs",
    { schema: { summary: "投入品使用记录 / input-use records", tags: ["records"], querystring: Limit } },
    async (request) => ({ inputs: domain.inputs.list(request.query.limit) }),
  );
  api.post(
    "/inputs",
    {
      schema: {
        summary: "记录投入品使用 / record an input use",
        tags: ["records"],
        "x-role": "kiosk",
        body: NewInput,
      },
      preHandler: kiosk,
    },
    async (request, reply) => {
      const added = domain.inputs.add(request.body, { source: "api" });
      return reply.code(201).send({ input: added.record, warning: added.warning ?? null });
    },
  );
  api.get(
    "/inputs/label-qr",
    {
      schema: {
        summary:
          "扫农药标签二维码预填投入品记录 / pre-fill an input record from a scanned pesticide label QR",
        tags: ["records"],
        querystring: Type.Object({ code: Type.String({ minLength: 1, maxLength: 512 }) }),
      },
    },
    async (request, reply) => {
      const prefill = domain.inputs.prefillFromLabelQr(request.query.code);
      if (!prefill) {
        return reply.code(404).send({
          error: {
            code: "DOMAIN_INVALID_LABEL_QR",
            message:
              "该标签二维码的产品未登记：首次使用请填写登记证号和有效成分 / product unknown: give its registration number and ingredients once",
          },
        });
      }
      return { prefill };
    },
  );
  api.get(
    "/input-products",
    { schema: { summary: "本站投入品产品库 / the station's product registry", tags: ["records"] } },
    async () => ({ products: domain.products.list() }),
  );
  api.put(
    "/input-products/:regNo",
    {
      schema: {
        summary:
          "登记或更正一个登记证号的产品与有效成分（需管理令牌）/ describe a registered product (admin)",
        tags: ["records"],
        "x-role": "admin",
        params: Type.Object({ regNo: Type.String({ minLength: 2, maxLength: 32 }) }),
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 128 }),
          kind: Type.Union(INPUT_KINDS.map((k) => Type.Literal(k))),
          ingredients: Type.Array(Type.String({ minLength: 1, maxLength: 128 }), {
            minItems: 1,
            maxItems: 20,
          }),
        }),
      },
      preHandler: guard.hook("admin"),
    },
    async (request) => {
      return { product: domain.products.set({ regNo: request.params.regNo, ...request.body }) };
    },
  );
  api.get(
    "/tests",
    { schema: { summary: "检测记录 / tests", tags: ["records"], querystring: Limit } },
    async (request) => ({ tests: domain.tests.list(request.query.limit) }),
  );
  api.post(
    "/tests",
    {
      schema: {
        summary: "记录快检或委托检测结果 / record a rapid screen or lab result",
        tags: ["records"],
        "x-role": "kiosk",
        body: NewTest,
      },
      preHandler: kiosk,
    },
    async (request, reply) =>
      reply.code(201).send({ test: domain.tests.add(request.body, { source: "api" }) }),
  );
  api.get(
    "/incoming",
    {
      schema: {
        summary: "来货批次（扫码）/ incoming supplier lots",
        tags: ["records"],
        querystring: Type.Composite([
          Limit,
          Type.Object({
            status: Type.Optional(Type.Union([Type.Literal("candidate"), Type.Literal("received")])),
          }),
        ]),
      },
    },
    async (request) => {
      const q = request.query;
      return { incoming: domain.incoming.list(q) };
    },
  );
  api.post(
    "/incoming",
    {
      schema: {
        summary: "登记扫到的供货方合格证或追溯码 / record a scanned supplier code",
        tags: ["records"],
        "x-role": "kiosk",
        body: IncomingRequest,
      },
      preHandler: kiosk,
    },
    async (request, reply) => {
      const { lot, ...body } = request.body;
      // A person at the kiosk confirmed it: received, not merely a scanner candidate; with a
      // batch named, the lot and its link to the packed batch are stored together or not at all.
      const incoming = deps.db
        .transaction(() => {
          const added = domain.incoming.add(body, { source: "api" }, "received");
          if (lot) domain.batches.linkIncoming(lot, added.id);
          return added;
        })
        .immediate();
      return reply.code(201).send({ incoming, lot: lot ?? null });
    },
  );
}
