import "./http-codes.js";
import type { FastifyRequest } from "fastify";
import { StationError } from "../core/station-error.js";

/**
 * Who made a request: a signed-in operator (id and name from the operators table), the shared
 * kiosk PIN before any operator exists (name "kiosk", a worker), or the admin token, which is
 * for automation only (name "admin"). Every write records this.
 */
export interface Actor {
  id: string | null;
  name: string;
  role: "worker" | "supervisor" | "technician" | "automation";
}

export const ADMIN_ACTOR: Actor = { id: null, name: "admin", role: "automation" };
export const SHARED_PIN_ACTOR: Actor = { id: null, name: "kiosk", role: "worker" };

const actors = new WeakMap<FastifyRequest, Actor>();

/** Called by the access guard once it knows who the request is. */
export function bindActor(request: FastifyRequest, actor: Actor): void {
  actors.set(request, actor);
}

/** The actor the guard found for this request, or undefined before (or without) sign-in. */
export function boundActor(request: FastifyRequest): Actor | undefined {
  return actors.get(request);
}

/**
 * The actor of a request that passed the access hook (every write does). A route that calls
 * this on a request nobody signed in for gets HTTP_AUTH_REQUIRED, never an anonymous write.
 */
export function requestActor(request: FastifyRequest): Actor {
  const actor = actors.get(request);
  if (!actor) {
    throw new StationError("HTTP_AUTH_REQUIRED", "请先登录 / sign in first", { role: "kiosk" });
  }
  return actor;
}

/** Supervisors, technicians and automation may void, override and manage operators. */
export const mayOverride = (actor: Actor): boolean => actor.role !== "worker";
