import { AsyncLocalStorage } from "node:async_hooks";
import type { Actor } from "../http/actor.js";

/** One request's (or one explicit action's) actor, open while it runs and closed after. */
interface Scope {
  actor: Actor;
  open: boolean;
}

const storage = new AsyncLocalStorage<Scope>();
/** Writes made outside any request or line (projections, timers): the station itself. */
let fallback: Actor = { id: null, name: "station", role: "automation" };

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";

/**
 * The actor the audit triggers read while `fn` (and everything it awaits) runs. SQLite calls
 * back into JS synchronously from inside the write, so the row names whoever this is. The scope
 * closes when `fn` returns (or its promise settles): a timer or listener created meanwhile that
 * fires later inherits the context but no longer the actor, so a print worker or a scale
 * started during someone's request never writes in their name afterwards.
 */
export function runAs<T>(actor: Actor, fn: () => T): T {
  const scope: Scope = { actor, open: true };
  let result: T;
  try {
    result = storage.run(scope, fn);
  } catch (err) {
    scope.open = false;
    throw err;
  }
  if (isThenable(result)) {
    const close = () => {
      scope.open = false;
    };
    result.then(close, close);
  } else scope.open = false;
  return result;
}

export function currentActor(): Actor {
  const scope = storage.getStore();
  return scope?.open ? scope.actor : fallback;
}

/** The process's own actor when no request names one: "station" by default, the CLI user for the CLI. */
export function setDefaultActor(actor: Actor): void {
  fallback = actor;
}
