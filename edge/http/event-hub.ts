import { EventEmitter } from "node:events";
import { withoutPrivateFields } from "./private-fields.js";

/** What the kiosk hears live. Payloads are plain JSON; the kiosk ignores kinds it does not know. */
export type LiveEventKind =
  | "weight"
  | "scale"
  | "printer"
  | "job"
  | "package"
  | "certificate"
  | "alarm"
  | "device"
  /** A serial scanner's stored scan (drivers). */
  | "scan"
  /** A scan the domain recorded as an incoming lot (lots screen). */
  | "incoming"
  /** A pesticide label QR, with the registry's prefill (input form). */
  | "label_qr"
  /** A packing line's whole state (edge/packing-line), kept per line. */
  | "line";

export interface LiveEvent {
  id: number;
  kind: LiveEventKind;
  data: unknown;
}

interface HubEvents {
  event: [LiveEvent];
  /** A page connected to the live feed. */
  watcher: [];
}

/**
 * The fan-out point between the station's components and the kiosk's server-sent events. The
 * last value of each state-like kind (scale, printer) is kept so a page that (re)connects is
 * told the current state at once instead of waiting for the next change.
 */
export class EventHub extends EventEmitter<HubEvents> {
  private seq = 0;
  private readonly latest = new Map<string, LiveEvent>();

  constructor() {
    super();
    // Every open kiosk tab is one listener; a packing house has a handful, not hundreds.
    this.setMaxListeners(200);
  }

  publish(kind: LiveEventKind, data: unknown, stateKey?: string): LiveEvent {
    this.seq += 1;
    // The stream is public (EventSource sends no PIN): never operator names or notes on it.
    const event: LiveEvent = { id: this.seq, kind, data: withoutPrivateFields(data) };
    if (stateKey !== undefined) this.latest.set(`${kind}:${stateKey}`, event);
    this.emit("event", event);
    return event;
  }

  /** How many pages are listening: work done only for them (printer polls) waits for one. */
  watchers(): number {
    return this.listenerCount("event");
  }

  /** The current state of every state-like kind, oldest first. */
  snapshot(): LiveEvent[] {
    return [...this.latest.values()].sort((a, b) => a.id - b.id);
  }
}
