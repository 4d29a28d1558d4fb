import type { DeliveryState } from "./delivery-state.js";

/** One upstream a station delivers to; each keeps its own delivery state. */
export interface Sink {
  readonly name: string;
  readonly type: "mqtt" | "https";
  readonly state: DeliveryState;
  /** True while the upstream is reachable (connected, or the last request got an answer). */
  readonly connected: boolean;
  start(): void;
  stop(): Promise<void>;
  /** New records may be waiting: look now rather than at the next poll. */
  wake(): void;
}

/** How often an idle sink looks for new records when nothing woke it. */
export const IDLE_POLL_MS = 200;
/** How often delivery state reaches the disk while records flow. */
export const FLUSH_EVERY_MS = 250;
