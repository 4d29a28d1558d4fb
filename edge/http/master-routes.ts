import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import type { Domain } from "../domain/domain.js";
import { NewProduct, NewSite, NewSubject } from "../domain/schemas.js";
import type { AccessGuard } from "./access-guard.js";

/** Master data: read by everyone (they are on every trace page), changed by technicians. */
export function registerMasterRoutes(
  app: FastifyInstance,
  deps: { domain: Domain; guard: AccessGuard },
): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { domain, guard } = deps;
  const admin = guard.hook("admin");
  api.get(
    "/subject",
    { schema: { summary: "生产经营主体 / the subject running the station", tags: ["master"] } },
    async () => ({ subject: domain.master.subject() ?? null }),
  );
  api.put(
    "/subject",
    {
      schema: {
        summary: "设置主体信息 / set the subject",
        tags: ["master"],
        "x-role": "admin",
        body: NewSubject,
      },
      preHandler: admin,
    },
    async (request) => ({ subject: domain.master.setSubject(request.body) }),
  );
  api.get("/products", { schema: { summary: "产品 / products", tags: ["master"] } }, async () => ({
    products: domain.master.products(),
  }));
  api.put(
    "/products/:id",
    {
      schema: {
        summary: "新增或修改产品 / add or change a product",
        tags: ["master"],
        "x-role": "admin",
        params: Type.Object({ id: Type.String() }),
        body: Type.Omit(NewProduct, ["id"]),
      },
      preHandler: admin,
    },
    async (request) => {
      const { id } = request.params;
      return { product: domain.master.putProduct({ ...request.body, id }) };
    },
  );
  api.get(
    "/sites",
    { schema: { summary: "地块、温室、圈舍、池塘 / sites", tags: ["master"] } },
    async () => ({ sites: domain.master.sites() }),
  );
  api.put(
    "/sites/:id",
    {
      schema: {
        summary: "新增或修改基地 / add or change a site",
        tags: ["master"],
        "x-role": "admin",
        params: Type.Object({ id: Type.String() }),
        body: Type.Omit(NewSite, ["id"]),
      },
      preHandler: admin,
    },
    async (request) => {
      const { id } = request.params;
      return { site: domain.master.putSite({ ...request.body, id }) };
    },
  );
}
