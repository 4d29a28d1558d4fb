import type { AcceptedMessage } from "./decode.js";

export type StoredListener = (message: AcceptedMessage, id: number) => void;

/**
 * What a component that follows the commits needs of the intake (`Intake` is one): it
 * subscribes in its `start` and unsubscribes in its `stop`.
 */
export interface StoredFeed {
  on(event: "stored", listener: StoredListener): unknown;
  /** For the projector: projections derive their records before any other follower looks. */
  prependListener(event: "stored", listener: StoredListener): unknown;
  off(event: "stored", listener: StoredListener): unknown;
}
