import type { FastifyRequest } from "fastify";
import type { LineAttendant } from "../packing-line/packing-line.js";
import type { AccessGuard } from "./access-guard.js";
import { requestActor } from "./actor.js";

/**
 * The request's actor as the attendant of a packing line: a signed-in operator for as long as
 * their session stays open (sign-out, idle, disable or a PIN change ends it); the shared PIN or
 * the admin token for as long as the line runs.
 */
export function lineAttendant(request: FastifyRequest, guard: AccessGuard): LineAttendant {
  const actor = requestActor(request);
  const header = request.headers["x-operator-session"];
  const token = Array.isArray(header) ? header[0] : header;
  const signIn = guard.signIn;
  if (actor.id === null || !token || !signIn) return { actor, present: () => true };
  return { actor, present: () => signIn.isOpen(token) };
}
