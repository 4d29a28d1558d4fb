import { AsyncLocalStorage } from "node:async_hooks";
import type { Actor } from "../http/actor.js";

const storage = new AsyncLocalStorage<Actor>();
/** Writes made outside any request or line (projections, timers): the station itself. */
let fallback: Actor = { id: null, name: "station", role: "automation" };

/**
 * The actor the audit triggers read while `fn` (and everything it awaits) runs. SQLite calls
 * back into JS synchronously from inside the write, so the row names whoever this is.
 */
export function runAs<T>(actor: Actor, fn: () => T): T {
  return storage.run(actor, fn);
}

export function currentActor(): Actor {
  return storage.getStore() ?? fallback;
}

/** The process's own actor when no request names one: "station" by default, the CLI user for the CLI. */
export function setDefaultActor(actor: Actor): void {
  fallback = actor;
}
