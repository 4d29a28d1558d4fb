import type { FastifyInstance, FastifyRequest, RouteHandlerMethod } from "fastify";
import { runAs } from "../audit/actor-context.js";
import type { AccessGuard, Role } from "./access-guard.js";
import { boundActor } from "./actor.js";
import { withoutPrivateFields } from "./private-fields.js";

/**
 * Reads anyone may make: what the kiosk shell needs before sign-in, the public trace record,
 * the API description, the live event stream and the certificate preview image (EventSource
 * and <img> cannot send headers; the preview shows what the printed certificate shows), and
 * master data the public trace page shows anyway. Every other read is a list or record that
 * may carry operator names and batch notes.
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

type Need = Role | "public" | "lists";

function needFor(request: FastifyRequest): Need {
  const url = request.routeOptions.url;
  if (url === undefined) return "public"; // no such route: the 404 handler answers
  const declared = (request.routeOptions.schema as { "x-role"?: Role | "public" } | undefined)?.["x-role"];
  if (declared) return declared;
  if (request.method === "GET" || request.method === "HEAD")
    return PUBLIC_READS.has(url) ? "public" : "lists";
  return "kiosk";
}

/** Reads answered without their private fields (no credentials, lists open before sign-in). */
const redacted = new WeakSet<FastifyRequest>();

const hasCredentials = (request: FastifyRequest): boolean =>
  request.headers.authorization !== undefined ||
  request.headers["x-kiosk-pin"] !== undefined ||
  request.headers["x-operator-session"] !== undefined;

/**
 * Authentication before anything else looks at the request: an `onRequest` hook runs before
 * the body is read and validated (fastify lifecycle: onRequest → preParsing → preValidation),
 * so a stranger's write gets 401, never a validation hint, and an oversized body from a
 * stranger is not even read. Lists need the PIN when `listsNeedPin` is set; otherwise (the
 * kiosk reads them before its worker signs in) a read without credentials is answered with
 * every private field removed, and one with credentials must pass them.
 */
export function installAccessHook(scope: FastifyInstance, guard: AccessGuard, listsNeedPin: boolean): void {
  scope.addHook("onRequest", async (request) => {
    const need = needFor(request);
    if (need === "public") return;
    if (need === "lists" && !listsNeedPin && !hasCredentials(request)) {
      redacted.add(request);
      return;
    }
    await guard.require(request, need === "lists" ? "kiosk" : need);
  });
  // Every handler runs as the request's actor, so the audit triggers name who wrote.
  scope.addHook("onRoute", (route) => {
    const handler = route.handler as RouteHandlerMethod;
    route.handler = function asActor(this: FastifyInstance, request, reply) {
      const actor = boundActor(request);
      return actor
        ? runAs(actor, () => handler.call(this, request, reply))
        : handler.call(this, request, reply);
    };
  });
  scope.addHook("preSerialization", async (request, _reply, payload) =>
    redacted.has(request) ? withoutPrivateFields(payload) : payload,
  );
}
