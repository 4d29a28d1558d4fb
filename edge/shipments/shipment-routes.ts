import "../http/http-codes.js";
import "./shipment-codes.js";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { StationError } from "../core/station-error.js";
import type { Domain } from "../domain/domain.js";
import type { AccessGuard } from "../http/access-guard.js";
import { requestActor } from "../http/actor.js";
import { NewBuyer, NewShipment } from "./shipment-schemas.js";
import { shippingListPage } from "./shipping-list-page.js";

const NumberParams = Type.Object({ number: Type.String({ minLength: 1, maxLength: 40 }) });
const LotParams = Type.Object({ lot: Type.String({ minLength: 1, maxLength: 64 }) });

/**
 * 出库 over HTTP. Every route names its role (`x-role`), so a read is never answered without
 * credentials: buyers' phones and ID numbers are in these records. Shipments and the buyers
 * register are the kiosk's (packing-house workers); recall is a supervisor's (admin token).
 */
export function registerShipmentRoutes(
  app: FastifyInstance,
  deps: { domain: Domain; guard: AccessGuard; timeZone: string; stationName: string },
): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { domain, guard } = deps;
  const s = domain.shipments;
  const kiosk = { "x-role": "kiosk" as const };
  const kioskHook = guard.hook("kiosk");

  api.get(
    "/buyers",
    {
      schema: {
        summary: "购货方登记 / buyers register",
        tags: ["shipments"],
        ...kiosk,
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 64 })) }),
      },
      preHandler: kioskHook,
    },
    async (request) => ({ buyers: s.buyers.search(request.query.q ?? "") }),
  );
  api.post(
    "/buyers",
    {
      schema: { summary: "登记购货方 / register a buyer", tags: ["shipments"], ...kiosk, body: NewBuyer },
      preHandler: kioskHook,
    },
    async (request, reply) => reply.code(201).send({ buyer: s.buyers.put(request.body) }),
  );
  api.post(
    "/shipments/scan",
    {
      schema: {
        summary: "检查扫到的包装标签能否出库 / check a scanned package label can ship",
        tags: ["shipments"],
        ...kiosk,
        body: Type.Object(
          { scan: Type.String({ minLength: 1, maxLength: 512 }) },
          { additionalProperties: false },
        ),
      },
      preHandler: kioskHook,
    },
    async (request) => {
      const pkg = s.records.resolveScan(request.body.scan);
      return { package: pkg, stock: s.read.stock(pkg.lot) };
    },
  );
  api.post(
    "/shipments",
    {
      schema: { summary: "出库 / record a shipment", tags: ["shipments"], ...kiosk, body: NewShipment },
      preHandler: kioskHook,
    },
    async (request, reply) => {
      const shipment = s.records.create(request.body, requestActor(request));
      const lots = [
        ...new Set([...shipment.packages.map((p) => p.lot), ...shipment.lines.map((l) => l.lot)]),
      ];
      return reply.code(201).send({ shipment, stock: lots.map((lot) => s.read.stock(lot)) });
    },
  );
  api.get(
    "/shipments",
    {
      schema: {
        summary: "出库单 / shipments",
        tags: ["shipments"],
        ...kiosk,
        querystring: Type.Object({
          lot: Type.Optional(Type.String({ maxLength: 64 })),
          buyerId: Type.Optional(Type.Integer({ minimum: 1 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
        }),
      },
      preHandler: kioskHook,
    },
    async (request) => {
      const q = request.query;
      return {
        shipments:
          q.lot !== undefined ? s.read.forBatch(q.lot) : s.read.list({ buyerId: q.buyerId, limit: q.limit }),
      };
    },
  );
  api.get(
    "/shipments/:number",
    {
      schema: { summary: "一张出库单 / one shipment", tags: ["shipments"], ...kiosk, params: NumberParams },
      preHandler: kioskHook,
    },
    async (request) => ({ shipment: s.read.requireByNumber(request.params.number) }),
  );
  api.get(
    "/shipments/:number/list.html",
    {
      schema: {
        summary: "打印出库清单（网页）/ the printable shipping list",
        tags: ["shipments"],
        ...kiosk,
        params: NumberParams,
      },
      preHandler: kioskHook,
    },
    async (request, reply) =>
      reply
        .type("text/html; charset=utf-8")
        .send(
          shippingListPage(s.read.requireByNumber(request.params.number), deps.stationName, deps.timeZone),
        ),
  );
  api.get(
    "/batches/:lot/stock",
    {
      schema: {
        summary: "批次余量 / what a batch has left",
        tags: ["shipments"],
        ...kiosk,
        params: LotParams,
      },
      preHandler: kioskHook,
    },
    async (request) => {
      domain.batches.require(request.params.lot);
      return { stock: s.read.stock(request.params.lot) };
    },
  );
  api.get(
    "/recall",
    {
      schema: {
        summary: "召回查询（主管）/ recall: where a batch or supplier lot went (supervisor)",
        tags: ["shipments"],
        "x-role": "admin",
        querystring: Type.Object({
          batch: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          incoming: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
        }),
      },
      preHandler: guard.hook("admin"),
    },
    async (request) => {
      const { batch, incoming } = request.query;
      if ((batch === undefined) === (incoming === undefined)) {
        throw new StationError(
          "SHIPMENT_RECALL_QUERY",
          "用 batch 或 incoming 其一 / give batch or incoming",
          {},
        );
      }
      const started = performance.now();
      const report = s.recall.run(batch !== undefined ? { batch } : { incoming: incoming ?? "" });
      return { ...report, elapsedMs: Math.round((performance.now() - started) * 100) / 100 };
    },
  );
}
