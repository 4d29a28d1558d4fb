import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import "./http-codes.js";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { StationError } from "../core/station-error.js";
import { batchVerdict } from "../domain/compliance/verdict.js";
import type { Domain } from "../domain/domain.js";
import { CERT_BASES, type CertBasis } from "../domain/records.js";
import { CloseBatch, NewPackage, OpenBatch } from "../domain/schemas.js";
import type { AccessGuard } from "./access-guard.js";
import type { EventHub } from "./event-hub.js";
import type { LabelJobs } from "./label-jobs.js";

const LotParams = Type.Object({
  lot: Type.String({ minLength: 1, maxLength: 64, description: "批次码 / lot code" }),
});
const RECENT_PACKAGES = 12;

export const PackageRequest = Type.Composite([
  NewPackage,
  Type.Object({
    deviceId: Type.Optional(
      Type.String({ maxLength: 64, description: "称重的电子秤 / scale that weighed it" }),
    ),
    print: Type.Optional(Type.Boolean({ default: true, description: "立即打印标签 / print its label now" })),
  }),
]);

export interface BatchRouteDeps {
  domain: Domain;
  guard: AccessGuard;
  hub: EventHub;
  labels: () => LabelJobs | undefined;
  /** The station's clock: the gate judges an open batch as of now. */
  now: () => number;
}

/** Batches and their packages: the weigh-and-print flow and the certificate screen read these. */
export function registerBatchRoutes(app: FastifyInstance, deps: BatchRouteDeps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { domain, guard } = deps;
  const kiosk = guard.hook("kiosk");

  /** The batch as the kiosk shows it: product, totals, the newest packages with their print state. */
  const view = (lot: string) => {
    const batch = domain.batches.require(lot);
    const packages = domain.packages.forBatch(lot).slice(-RECENT_PACKAGES).reverse();
    const jobs = deps.labels()?.jobsForPackages(packages.map((p) => p.serial)) ?? new Map();
    return {
      batch,
      product: domain.master.product(batch.productId) ?? null,
      totals: domain.packages.totals(lot),
      packages: packages.map((p) => ({ ...p, job: jobs.get(p.serial) ?? null })),
      certificates: domain.certificates.forBatch(lot),
      gate: batchVerdict(domain, lot, deps.now()),
    };
  };

  api.get(
    "/batches",
    {
      schema: {
        summary: "批次列表 / batches",
        tags: ["batches"],
        querystring: Type.Object({
          status: Type.Optional(Type.Union([Type.Literal("open"), Type.Literal("closed")])),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      const names = new Map(domain.master.products().map((p) => [p.id, p.name]));
      return {
        batches: domain.batches.list(q).map((b) => ({ ...b, productName: names.get(b.productId) ?? null })),
      };
    },
  );
  api.post(
    "/batches",
    {
      schema: { summary: "开新批次 / open a batch", tags: ["batches"], "x-role": "kiosk", body: OpenBatch },
      preHandler: kiosk,
    },
    async (request, reply) => {
      const batch = domain.batches.open(request.body);
      // The verdict at batch open: a batch that can never be certified says so before labels.
      return reply.code(201).send({ batch, gate: batchVerdict(domain, batch.lot, deps.now()) });
    },
  );
  api.get(
    "/batches/:lot",
    {
      schema: {
        summary: "批次详情（含最近包装和合格证）/ a batch with recent packages and certificates",
        tags: ["batches"],
        params: LotParams,
      },
    },
    async (request) => view(request.params.lot),
  );
  api.post(
    "/batches/:lot/close",
    {
      schema: {
        summary: "结束批次（采收日期）/ close a batch with its harvest time",
        tags: ["batches"],
        "x-role": "kiosk",
        params: LotParams,
        body: CloseBatch,
      },
      preHandler: kiosk,
    },
    async (request) => ({
      batch: domain.batches.close(request.params.lot, request.body),
    }),
  );
  api.put(
    "/batches/:lot/national-code",
    {
      schema: {
        summary: "记录国家平台追溯码 / store the national platform trace code",
        tags: ["batches"],
        "x-role": "kiosk",
        params: LotParams,
        body: Type.Object({
          code: Type.String({
            minLength: 1,
            maxLength: 128,
            description: "追溯码（原样保存）/ stored as given",
          }),
        }),
      },
      preHandler: kiosk,
    },
    async (request) => {
      const { lot } = request.params;
      return { batch: domain.batches.setNationalCode(lot, request.body.code) };
    },
  );
  api.get(
    "/batches/:lot/compliance",
    {
      schema: {
        summary: "开证前检查（不开证）/ run the compliance gate without issuing",
        tags: ["certificates"],
        params: LotParams,
        querystring: Type.Object({
          basis: Type.Optional(
            Type.String({
              description: "逗号分隔 / comma separated: quality_control,own_test,commissioned_test",
            }),
          ),
          style: Type.Optional(Type.Union([Type.Literal("producer"), Type.Literal("buyer")])),
        }),
      },
    },
    async (request) => {
      const { lot } = request.params;
      const { basis, style } = request.query;
      return domain.compliance.check(domain.batches.require(lot), parseBasis(basis), undefined, style);
    },
  );
  api.get(
    "/batches/:lot/gate",
    {
      schema: {
        summary:
          "开证判断（批次打开时、包装时显示：不能开证：…）/ the gate's verdict while the batch is packed",
        tags: ["certificates"],
        params: LotParams,
      },
    },
    async (request) => ({ gate: batchVerdict(domain, request.params.lot, deps.now()) }),
  );
  api.post(
    "/batches/:lot/incoming",
    {
      schema: {
        summary: "把来货批次记入本批次 / link an incoming lot to this batch",
        tags: ["batches"],
        "x-role": "kiosk",
        params: LotParams,
        body: Type.Object({ incomingId: Type.Integer({ minimum: 1 }) }),
      },
      preHandler: kiosk,
    },
    async (request) => {
      const { lot } = request.params;
      const { incomingId } = request.body;
      domain.batches.linkIncoming(lot, incomingId);
      return { incoming: domain.incoming.receive(incomingId) };
    },
  );
  api.get(
    "/batches/:lot/packages",
    { schema: { summary: "批次的全部包装 / all packages of a batch", tags: ["batches"], params: LotParams } },
    async (request) => ({ packages: domain.packages.forBatch(request.params.lot) }),
  );
  api.post(
    "/batches/:lot/packages",
    {
      schema: {
        summary: "称重一件包装并打印标签 / weigh a package into the batch and print its label",
        tags: ["batches"],
        "x-role": "kiosk",
        params: LotParams,
        body: PackageRequest,
      },
      preHandler: kiosk,
    },
    async (request, reply) => {
      const { lot } = request.params;
      const { deviceId, print, ...input } = request.body;
      // Weighed on a scale and printed on a tap: the weight is the scale's, so the package says so.
      const created = domain.packages.add(lot, input, {
        source: deviceId ? "device" : "api",
        deviceId: deviceId ?? null,
      });
      const labels = deps.labels();
      const job = print !== false && labels ? await labels.printPackage(created.serial, false) : null;
      return reply.code(201).send({ package: created, job });
    },
  );
  api.post(
    "/packages/:serial/print",
    {
      schema: {
        summary:
          "打印包装标签（已打印过则返回原任务，不重复）/ print a package label once (an existing job is returned, not repeated)",
        tags: ["batches"],
        "x-role": "kiosk",
        params: Type.Object({ serial: Type.String({ minLength: 1, maxLength: 96 }) }),
      },
      preHandler: kiosk,
    },
    async (request) => {
      const pkg = domain.packages.require(request.params.serial);
      const labels = requireLabels(deps);
      const existing = labels.jobsForPackages([pkg.serial]).get(pkg.serial);
      // A double tap or a tap after auto-print must not give the package a second label.
      if (existing?.state === "failed") return { package: pkg, job: await labels.retry(existing.id) };
      if (existing) return { package: pkg, job: existing };
      return { package: pkg, job: await labels.printPackage(pkg.serial, false) };
    },
  );
  api.post(
    "/packages/:serial/reprint",
    {
      schema: {
        summary: "补打包装标签 / reprint a package label (marked 补打)",
        tags: ["batches"],
        "x-role": "kiosk",
        params: Type.Object({ serial: Type.String({ minLength: 1, maxLength: 96 }) }),
      },
      preHandler: kiosk,
    },
    async (request) => {
      const pkg = domain.packages.require(request.params.serial);
      return { package: pkg, job: await requireLabels(deps).printPackage(pkg.serial, true) };
    },
  );
}

export function requireLabels(deps: { labels: () => LabelJobs | undefined }): LabelJobs {
  const labels = deps.labels();
  if (!labels)
    throw new StationError("HTTP_UNAVAILABLE", "本站未配置打印 / printing is not running on this station");
  return labels;
}

export function parseBasis(text: string | undefined): CertBasis[] {
  const values = (text ?? "quality_control")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = values.filter((v) => !(CERT_BASES as readonly string[]).includes(v));
  if (bad.length > 0 || values.length === 0) {
    throw new StationError("HTTP_BAD_REQUEST", `承诺依据不对 / unknown basis: ${bad.join(",")}`, {
      allowed: CERT_BASES,
    });
  }
  return values as CertBasis[];
}
