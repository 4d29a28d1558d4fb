import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import "./livestock-codes.js";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { StationError } from "../core/station-error.js";
import { epcisDocument } from "../epcis/document.js";
import type { EpcisStation } from "../epcis/epcis-input.js";
import type { AccessGuard } from "../http/access-guard.js";
import { ANIMAL_STATUSES } from "./animal.js";
import { saleEvents } from "./animal-epcis.js";
import type { Livestock } from "./livestock.js";
import {
  CloseSaleBody,
  EarTagText,
  OpenSaleBody,
  RegisterAnimalBody,
  ReplaceTagBody,
  ScanBody,
  TreatBody,
  UpdateAnimalBody,
} from "./livestock-schemas.js";

const TagParams = Type.Object({ tag: EarTagText });
const SaleParams = Type.Object({
  number: Type.String({ minLength: 1, maxLength: 40, description: "出栏批次号" }),
});

/** Animals by ear tag, their treatments, and sale batches made by scanning them (issue 19). */
export interface LivestockRouteDeps {
  livestock: Livestock;
  guard: AccessGuard;
  station: EpcisStation;
  now: () => number;
}

export function registerLivestockRoutes(app: FastifyInstance, deps: LivestockRouteDeps) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { livestock } = deps;
  const kiosk = deps.guard.hook("kiosk");
  const tags = ["livestock"];

  api.post(
    "/animals/check-tag",
    {
      schema: {
        summary: "校验耳标号 / check an ear tag",
        tags,
        "x-role": "kiosk",
        body: Type.Object({ tag: EarTagText }),
      },
    },
    async (request) => ({ tag: livestock.animals.check(request.body.tag) }),
  );
  api.get(
    "/animals",
    {
      schema: {
        summary: "牲畜列表 / animals",
        tags,
        querystring: Type.Object({
          siteId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          status: Type.Optional(Type.Union(ANIMAL_STATUSES.map((s) => Type.Literal(s)))),
        }),
      },
    },
    async (request) => ({ animals: livestock.animals.list(request.query) }),
  );
  api.post(
    "/animals",
    {
      schema: { summary: "登记牲畜 / register an animal", tags, "x-role": "kiosk", body: RegisterAnimalBody },
      preHandler: kiosk,
    },
    async (request, reply) => reply.code(201).send({ animal: livestock.animals.register(request.body) }),
  );
  api.get(
    "/animals/:tag",
    { schema: { summary: "牲畜档案（含用药、称重、出栏）/ an animal's history", tags, params: TagParams } },
    async (request) => livestock.history(request.params.tag),
  );
  api.patch(
    "/animals/:tag",
    {
      schema: {
        summary: "转圈、改状态、绑定电子耳标 / move, status, RFID",
        tags,
        "x-role": "kiosk",
        params: TagParams,
        body: UpdateAnimalBody,
      },
      preHandler: kiosk,
    },
    async (request) => {
      const { rfid, ...change } = request.body;
      if (rfid !== undefined) livestock.animals.bindRfid(request.params.tag, rfid);
      return { animal: livestock.animals.update(request.params.tag, change) };
    },
  );
  api.post(
    "/animals/:tag/replace-tag",
    {
      schema: {
        summary: "更换耳标（保留原耳标号）/ replace the ear tag",
        tags,
        "x-role": "kiosk",
        params: TagParams,
        body: ReplaceTagBody,
      },
      preHandler: kiosk,
    },
    async (request) => ({
      animal: livestock.animals.replaceTag(request.params.tag, request.body.newTag, request.body.reason),
    }),
  );
  api.get(
    "/animals/:tag/withdrawal",
    {
      schema: {
        summary: "休药期检查（出栏或售奶）/ withdrawal check for meat or milk",
        tags,
        params: TagParams,
        querystring: Type.Object({
          for: Type.Union([Type.Literal("meat"), Type.Literal("milk")], { default: "meat" }),
          day: Type.Optional(Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" })),
        }),
      },
    },
    async (request) => {
      const blocks = livestock.withdrawal(request.params.tag, request.query.for, request.query.day);
      return { ok: blocks.length === 0, blocks };
    },
  );
  api.post(
    "/treatments",
    {
      schema: {
        summary: "兽药使用（逐头或整圈）/ record a drug use",
        tags,
        "x-role": "kiosk",
        body: TreatBody,
      },
      preHandler: kiosk,
    },
    async (request, reply) => reply.code(201).send({ treatments: livestock.treatments.treat(request.body) }),
  );
  api.get("/livestock-sales", { schema: { summary: "出栏批次 / sale batches", tags } }, async () => ({
    sales: livestock.sales.list(),
  }));
  api.post(
    "/livestock-sales",
    {
      schema: { summary: "开出栏批次 / open a sale batch", tags, "x-role": "kiosk", body: OpenSaleBody },
      preHandler: kiosk,
    },
    async (request, reply) => reply.code(201).send({ sale: livestock.sales.open(request.body) }),
  );
  api.get(
    "/livestock-sales/:number",
    { schema: { summary: "出栏批次详情 / a sale batch", tags, params: SaleParams } },
    async (request) => ({ sale: livestock.sales.require(request.params.number) }),
  );
  api.get(
    "/livestock-sales/:number/epcis",
    {
      schema: {
        summary:
          "出栏批次的 EPCIS 2.0 文档（每头牲畜按耳标）/ EPCIS 2.0 document of a sale, one EPC per animal",
        tags,
        params: SaleParams,
      },
    },
    async (request, reply) => {
      const sale = livestock.sales.require(request.params.number);
      const animals = sale.animals.map((a) => livestock.animals.require(a.tag));
      const events = saleEvents(deps.station, sale, animals);
      if (events.length === 0) {
        throw new StationError(
          "LIVESTOCK_SALE_OPEN",
          `出栏批次 ${sale.number} 尚未结束 / sale ${sale.number} is still open`,
          { sale: sale.number },
        );
      }
      return reply.type("application/ld+json").send(epcisDocument(events, deps.now()));
    },
  );
  api.post(
    "/livestock-sales/:number/scan",
    {
      schema: {
        summary: "扫耳标出栏（可带活重）/ scan an animal out",
        tags,
        "x-role": "kiosk",
        params: SaleParams,
        body: ScanBody,
      },
      preHandler: kiosk,
    },
    async (request) => {
      const { code, ...opts } = request.body;
      return {
        sale: livestock.sales.scan(request.params.number, code, { ...opts, via: opts.deviceId ?? "api" }),
      };
    },
  );
  api.delete(
    "/livestock-sales/:number/animals/:tag",
    {
      schema: {
        summary: "移出误扫的牲畜 / take a mis-scanned animal out",
        tags,
        "x-role": "kiosk",
        params: Type.Object({ number: SaleParams.properties.number, tag: EarTagText }),
      },
      preHandler: kiosk,
    },
    async (request) => ({ sale: livestock.sales.remove(request.params.number, request.params.tag) }),
  );
  api.post(
    "/livestock-sales/:number/close",
    {
      schema: {
        summary: "结束出栏（检疫证明号）/ close with the quarantine number",
        tags,
        "x-role": "kiosk",
        params: SaleParams,
        body: CloseSaleBody,
      },
      preHandler: kiosk,
    },
    async (request) => ({ sale: livestock.sales.close(request.params.number, request.body) }),
  );
}
