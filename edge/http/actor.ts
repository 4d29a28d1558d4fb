import type { FastifyRequest } from "fastify";

/** Who made a write, as records store it (actor_id, actor_name, actor_role). */
export interface Actor {
  id: string | null;
  name: string;
  role: "worker" | "supervisor" | "technician" | "automation";
}

/**
 * The actor of a request the access hook has already admitted (edge/http/access-hook.ts runs
 * first and refuses a wrong secret), so which secret it carries is who it is: the admin token
 * is automation, the shared kiosk PIN a worker without a name.
 */
export function requestActor(request: FastifyRequest): Actor {
  return request.headers.authorization !== undefined
    ? { id: null, name: "admin", role: "automation" }
    : { id: null, name: "kiosk", role: "worker" };
}
