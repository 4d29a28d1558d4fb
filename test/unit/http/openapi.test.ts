import { Type } from "@sinclair/typebox";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { OpenApiCollector } from "../../../edge/http/openapi.js";

describe("OpenAPI document from route schemas", () => {
  it("lists parameters, bodies, roles and leaves hidden routes out", async () => {
    const app = Fastify();
    const collector = new OpenApiCollector();
    await app.register(
      async (api) => {
        collector.watch(api);
        api.get(
          "/batches/:lot",
          {
            schema: {
              summary: "one batch",
              tags: ["batches"],
              params: Type.Object({ lot: Type.String({ description: "lot code" }) }),
              querystring: Type.Object({ limit: Type.Optional(Type.Integer()) }),
            },
          },
          async () => ({}),
        );
        api.post(
          "/batches",
          { schema: { "x-role": "kiosk", body: Type.Object({ productId: Type.String() }) } },
          async () => ({}),
        );
        api.post("/void", { schema: { "x-role": "admin" } }, async () => ({}));
        api.get("/secret", { schema: { hide: true } }, async () => ({}));
      },
      { prefix: "/api" },
    );
    await app.ready();
    // As served: JSON (TypeBox symbols do not travel).
    const doc = JSON.parse(
      JSON.stringify(collector.document({ title: "t", version: "1", description: "d" })),
    );
    expect(doc.openapi).toBe("3.1.0");
    const get = doc.paths["/api/batches/{lot}"].get;
    expect(get.parameters).toEqual([
      {
        name: "lot",
        in: "path",
        required: true,
        schema: { type: "string", description: "lot code" },
        description: "lot code",
      },
      { name: "limit", in: "query", required: false, schema: { type: "integer" } },
    ]);
    expect(get.security).toBeUndefined();
    expect(doc.paths["/api/batches"].post.requestBody.content["application/json"].schema.required).toEqual([
      "productId",
    ]);
    expect(doc.paths["/api/batches"].post.security).toEqual([{ kioskPin: [] }, { adminToken: [] }]);
    expect(doc.paths["/api/void"].post.security).toEqual([{ adminToken: [] }]);
    expect(doc.paths["/api/secret"]).toBeUndefined();
    await app.close();
  });
});
