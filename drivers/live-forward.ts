import type { DriverHub } from "./driver-hub.js";

/** The part of the kiosk's live event hub (edge/http/event-hub.ts) the drivers feed. */
export interface LiveSink {
  publish(kind: "weight" | "scale" | "device", data: unknown, stateKey?: string): unknown;
}

/**
 * Live weights and port state on the kiosk's feed: `weight` (the shape of the kiosk's
 * WeightEvent), `scale` for a scale's connection state and `device` for a scanner's, each kept
 * per device so a page that (re)connects sees the current state at once.
 */
export function forwardDriverEvents(drivers: DriverHub, hub: LiveSink): void {
  drivers.on("live-weight", (weight) => hub.publish("weight", weight, weight.deviceId));
  drivers.on("status", (status) =>
    hub.publish(status.kind === "scale" ? "scale" : "device", { deviceId: status.id, ...status }, status.id),
  );
  for (const status of drivers.status()) {
    if (status.kind === "scale") hub.publish("scale", { deviceId: status.id, ...status }, status.id);
  }
}
