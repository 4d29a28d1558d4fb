import "../domain/domain-codes.js";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Domain } from "../domain/domain.js";
import { IssueCertificate } from "../domain/schemas.js";
import type { AccessGuard } from "./access-guard.js";
import { requestActor } from "./actor.js";
import { parseBasis, requireLabels } from "./batch-routes.js";
import type { EventHub } from "./event-hub.js";
import type { LabelJobs } from "./label-jobs.js";

const NumberParams = Type.Object({
  number: Type.String({ minLength: 1, maxLength: 64, description: "合格证编号 / certificate number" }),
});

const IssueRequest = Type.Composite([
  IssueCertificate,
  Type.Object({
    print: Type.Optional(Type.Boolean({ default: true, description: "开具后立即打印 / print it now" })),
  }),
]);

/**
 * 承诺达标合格证. Issuing is a worker's job (PIN); an override of a compliance block, and a void,
 * are a supervisor's (admin token) and are recorded with who and why.
 */
export function registerCertificateRoutes(
  app: FastifyInstance,
  deps: { domain: Domain; guard: AccessGuard; hub: EventHub; labels: () => LabelJobs | undefined },
): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { domain, guard, hub } = deps;
  // 待复核 raises an alarm on every kiosk screen (a certificate already out may not hold).
  domain.events.on("certificate.review", (c) => {
    hub.publish("certificate", c);
    if (c.status === "review") {
      const reasons = c.review?.reasons ?? [];
      hub.publish("alarm", {
        source: "certificate",
        code: "DOMAIN_CERT_REVIEW",
        number: c.number,
        lot: c.lot,
        title: { zh: `合格证 ${c.number} 待复核`, en: `Certificate ${c.number} needs review` },
        remedy: {
          zh: `${reasons.map((r) => r.split(" / ")[0]).join("；")}。主管核实后解除或作废`,
          en: `${reasons.map((r) => r.split(" / ")[1] ?? r).join("; ")}. A supervisor clears or voids it`,
        },
        reason: `合格证 ${c.number} 待复核：${reasons.join("；")}`,
      });
    }
  });
  /** Who the request is (a signed-in operator's name, "kiosk" or "admin"), recorded as `actor`. */
  const actorOf = async (request: FastifyRequest, role: "kiosk" | "admin") => {
    await guard.require(request, role);
    return requestActor(request).name;
  };
  api.get(
    "/certificates",
    {
      schema: {
        summary: "合格证 / certificates",
        tags: ["certificates"],
        querystring: Type.Object({
          lot: Type.Optional(Type.String()),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      return {
        certificates: q.lot ? domain.certificates.forBatch(q.lot) : domain.certificates.list(q.limit),
      };
    },
  );
  api.get(
    "/certificates/preview.png",
    {
      schema: {
        summary: "合格证标签预览（不开具）/ preview of the certificate label (nothing issued)",
        tags: ["certificates"],
        querystring: Type.Object({ lot: Type.String({ minLength: 1 }), basis: Type.Optional(Type.String()) }),
      },
    },
    async (request, reply) => {
      const q = request.query;
      const png = await requireLabels(deps).certificatePreview(q.lot, parseBasis(q.basis));
      return reply.type("image/png").header("cache-control", "no-store").send(png);
    },
  );
  api.get(
    "/certificates/:number",
    { schema: { summary: "一张合格证 / one certificate", tags: ["certificates"], params: NumberParams } },
    async (request) => ({
      certificate: domain.certificates.require(request.params.number),
    }),
  );
  api.post(
    "/certificates",
    {
      schema: {
        summary: "开具合格证（放行需管理令牌）/ issue a certificate (an override needs the admin token)",
        description:
          "A compliance block answers 422 DOMAIN_COMPLIANCE_BLOCKED with `blocks` and `earliestDay`.",
        tags: ["certificates"],
        "x-role": "kiosk",
        body: IssueRequest,
      },
      preHandler: async (request) => {
        const body = request.body;
        await guard.require(request, body.override ? "admin" : "kiosk");
      },
    },
    async (request, reply) => {
      const { print, ...body } = request.body;
      const actor = await actorOf(request, body.override ? "admin" : "kiosk");
      // A signed-in operator is the issuer and the overriding supervisor, whatever the body says;
      // the shared PIN and automation keep the name they give.
      const named = requestActor(request).id !== null;
      const input = {
        ...body,
        ...(named ? { issuedBy: actor } : {}),
        ...(body.override
          ? { override: { ...body.override, supervisor: named ? actor : body.override.supervisor } }
          : {}),
      };
      const issued = domain.certificates.issue({ ...input, actor });
      if (input.override) {
        request.log.warn(
          { lot: input.lot, supervisor: input.override.supervisor },
          "certificate issued under a compliance override",
        );
      }
      hub.publish("certificate", issued.certificate);
      const labels = deps.labels();
      const job =
        print !== false && labels ? await labels.printCertificate(issued.certificate.number, false) : null;
      return reply.code(201).send({ ...issued, job });
    },
  );
  api.post(
    "/certificates/:number/reprint",
    {
      schema: {
        summary: "补打合格证 / reprint (marked 补打)",
        tags: ["certificates"],
        "x-role": "kiosk",
        params: NumberParams,
      },
      preHandler: guard.hook("kiosk"),
    },
    async (request) => {
      // The queue counts the reprint on the certificate in the same transaction as the job.
      const { number } = request.params;
      const job = await requireLabels(deps).printCertificate(number, true);
      return { certificate: domain.certificates.require(number), job };
    },
  );
  api.post(
    "/certificates/:number/void",
    {
      schema: {
        summary: "作废合格证（需管理令牌）/ void a certificate (admin)",
        tags: ["certificates"],
        "x-role": "admin",
        params: NumberParams,
        body: Type.Object({
          reason: Type.String({ minLength: 2, maxLength: 512, description: "作废原因 / reason" }),
        }),
      },
      preHandler: guard.hook("admin"),
    },
    async (request) => {
      const certificate = domain.certificates.void(
        request.params.number,
        request.body.reason,
        await actorOf(request, "admin"),
      );
      hub.publish("certificate", certificate);
      return { certificate };
    },
  );
  api.post(
    "/certificates/:number/clear-review",
    {
      schema: {
        summary: "解除待复核（需管理令牌）/ clear a 待复核 review (admin)",
        description:
          "The supervisor decides the certificate stands; the reasons it cleared and who are recorded.",
        tags: ["certificates"],
        "x-role": "admin",
        params: NumberParams,
        body: Type.Object({
          reason: Type.String({ minLength: 4, maxLength: 512, description: "解除原因 / reason" }),
        }),
      },
      preHandler: guard.hook("admin"),
    },
    async (request) => {
      const certificate = domain.reviews.clear(
        request.params.number,
        request.body.reason,
        await actorOf(request, "admin"),
      );
      return { certificate };
    },
  );
}
