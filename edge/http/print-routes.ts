import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import type { AccessGuard } from "./access-guard.js";
import { requireLabels } from "./batch-routes.js";
import type { LabelJobs } from "./label-jobs.js";

const JobParams = Type.Object({
  id: Type.Integer({ minimum: 1, description: "打印任务编号 / print job id" }),
});

/** The print history the kiosk lists, and an operator's actions on a job that did not print. */
export function registerPrintRoutes(
  app: FastifyInstance,
  deps: { guard: AccessGuard; labels: () => LabelJobs | undefined },
): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const kiosk = deps.guard.hook("kiosk");
  api.get(
    "/print-jobs",
    {
      schema: {
        summary: "打印任务（最新在前）/ print jobs, newest first",
        tags: ["printing"],
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
        }),
      },
    },
    async (request) => ({
      jobs: requireLabels(deps).list(request.query.limit ?? 50),
    }),
  );
  api.get(
    "/printers",
    {
      schema: {
        summary: "打印机状态（会询问打印机）/ printer state (asks each printer)",
        tags: ["printing"],
        "x-role": "kiosk",
      },
      preHandler: kiosk,
    },
    async () => ({ printers: await requireLabels(deps).printers() }),
  );
  api.post(
    "/print-jobs/:id/retry",
    {
      schema: {
        summary: "重试失败的任务 / queue a failed job again",
        tags: ["printing"],
        "x-role": "kiosk",
        params: JobParams,
      },
      preHandler: kiosk,
    },
    async (request) => ({ job: await requireLabels(deps).retry(request.params.id) }),
  );
  api.post(
    "/print-jobs/:id/confirm",
    {
      schema: {
        summary: "确认中断任务：已打出或重发 / settle an interrupted job: it printed, or send again",
        tags: ["printing"],
        "x-role": "kiosk",
        params: JobParams,
        body: Type.Object({ outcome: Type.Union([Type.Literal("printed"), Type.Literal("resend")]) }),
      },
      preHandler: kiosk,
    },
    async (request) => {
      const { outcome } = request.body;
      return { job: await requireLabels(deps).confirm(request.params.id, outcome) };
    },
  );
}
