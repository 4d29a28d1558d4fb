import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AccessGuard, Role } from "./access-guard.js";

/**
 * Reads anyone may make: what the kiosk shell needs before sign-in, the public trace record,
 * the API description, the live event stream and the certificate preview image (EventSource
 * and <img> cannot send headers; the preview shows what the printed certificate shows), and
 * master data the public trace page shows anyway. Every other read needs a role: lists carry
 * operator names and batch notes.
 */
const PUBLIC_READS = new Set([
  "/api/kiosk",
  "/api/trace/:code",
  "/api/openapi.json",
  "/api/events",
  "/api/certificates/preview.png",
  "/api/subject",
  "/api/products",
  "/api/sites",
]);

function roleFor(request: FastifyRequest): Role | undefined {
  const url = request.routeOptions.url;
  if (url === undefined) return undefined; // no such route: the 404 handler answers
  const declared = (request.routeOptions.schema as { "x-role"?: Role } | undefined)?.["x-role"];
  if (declared) return declared;
  if (request.method === "GET" || request.method === "HEAD")
    return PUBLIC_READS.has(url) ? undefined : "kiosk";
  return "kiosk";
}

/**
 * Authentication before anything else looks at the request: an `onRequest` hook runs before
 * the body is read and validated (fastify lifecycle: onRequest → preParsing → preValidation),
 * so a stranger's write gets 401, never a validation hint, and an oversized body from a
 * stranger is not even read.
 */
export function installAccessHook(scope: FastifyInstance, guard: AccessGuard): void {
  scope.addHook("onRequest", async (request) => {
    const role = roleFor(request);
    if (role) await guard.require(request, role);
  });
}
