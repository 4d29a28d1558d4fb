import type { FastifyInstance, RouteOptions } from "fastify";

interface CollectedRoute {
  method: string;
  url: string;
  schema: Record<string, unknown>;
}

type JsonObject = Record<string, unknown>;

/**
 * The OpenAPI 3.1 document, built from the TypeBox schemas the routes already validate with
 * (TypeBox emits JSON Schema, which OpenAPI 3.1 embeds as is), so the description can never
 * drift from what the server accepts. Cheaper than @fastify/swagger and its UI bundle.
 */
export class OpenApiCollector {
  private readonly routes: CollectedRoute[] = [];

  /** Record every route registered in `scope` (and its children) from now on. */
  watch(scope: FastifyInstance): void {
    scope.addHook("onRoute", (route: RouteOptions) => {
      const schema = route.schema as JsonObject | undefined;
      if (!schema || schema.hide === true) return;
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        if (method === "HEAD") continue;
        this.routes.push({ method: method.toLowerCase(), url: route.url, schema });
      }
    });
  }

  document(info: { title: string; version: string; description: string }): JsonObject {
    const paths: Record<string, JsonObject> = {};
    for (const route of this.routes) {
      const path = route.url.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
      paths[path] ??= {};
      paths[path][route.method] = operation(route);
    }
    return {
      openapi: "3.1.0",
      info,
      paths,
      components: {
        securitySchemes: {
          kioskPin: {
            type: "apiKey",
            in: "header",
            name: "X-Kiosk-Pin",
            description: "操作员 PIN / kiosk PIN",
          },
          adminToken: { type: "http", scheme: "bearer", description: "管理令牌 / admin token" },
        },
      },
    };
  }
}

function operation(route: CollectedRoute): JsonObject {
  const s = route.schema;
  const op: JsonObject = {};
  for (const key of ["summary", "description", "tags", "operationId"])
    if (s[key] !== undefined) op[key] = s[key];
  const parameters = [
    ...parametersOf(s.params as JsonObject | undefined, "path"),
    ...parametersOf(s.querystring as JsonObject | undefined, "query"),
  ];
  if (parameters.length > 0) op.parameters = parameters;
  if (s.body) op.requestBody = { required: true, content: { "application/json": { schema: s.body } } };
  const responses: JsonObject = {};
  for (const [status, schema] of Object.entries((s.response as JsonObject | undefined) ?? {})) {
    responses[status] = {
      description: (schema as JsonObject).description ?? status,
      content: { "application/json": { schema } },
    };
  }
  if (Object.keys(responses).length === 0) responses["200"] = { description: "OK" };
  op.responses = responses;
  const role = s["x-role"];
  if (role === "kiosk") op.security = [{ kioskPin: [] }, { adminToken: [] }];
  else if (role === "admin") op.security = [{ adminToken: [] }];
  if (role) op["x-role"] = role;
  return op;
}

function parametersOf(schema: JsonObject | undefined, where: "path" | "query"): JsonObject[] {
  const properties = (schema?.properties ?? {}) as Record<string, JsonObject>;
  const required = new Set((schema?.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === "path" || required.has(name),
    schema: property,
    ...(property.description ? { description: property.description } : {}),
  }));
}

// The OpenAPI fields our route schemas carry beside fastify's validation schemas.
declare module "fastify" {
  interface FastifySchema {
    summary?: string;
    description?: string;
    tags?: string[];
    hide?: boolean;
    "x-role"?: "kiosk" | "admin" | "public";
  }
}
