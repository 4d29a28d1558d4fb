import type { DriverHub, DriverHubEvents } from "./driver-hub.js";

type EventOf<K extends keyof DriverHubEvents> = DriverHubEvents[K][0];

/** The part of the kiosk's live event hub (edge/http/event-hub.ts) the drivers feed. */
export interface LiveSink {
  publish(kind: "weight" | "scale" | "device" | "scan", data: unknown, stateKey?: string): unknown;
}

/**
 * Live weights, scans and device health on the kiosk's feed: `weight` (the shape of the kiosk's
 * WeightEvent), `scan` for each stored scan (the incoming-lots screen refreshes), `scale` for a
 * scale's state and `device` for every device's health record, each kept per device so a page
 * that (re)connects sees the current state at once. Returns what unsubscribes.
 */
export function forwardDriverEvents(drivers: DriverHub, hub: LiveSink): () => void {
  const liveWeight = (weight: EventOf<"live-weight">) => hub.publish("weight", weight, weight.deviceId);
  const scan = (scan: EventOf<"scan">) => hub.publish("scan", scan);
  const health = (health: EventOf<"health">) => {
    hub.publish("device", { deviceId: health.id, ...health }, health.id);
    if (health.kind === "scale") {
      // The status bar's scale chip reads `connected`: a scale that sends nothing readable is not working.
      hub.publish("scale", { deviceId: health.id, ...health, connected: health.online }, health.id);
    }
  };
  const status = (status: EventOf<"status">) => {
    const health = drivers.health().find((h) => h.id === status.id);
    if (!health) return;
    hub.publish("device", { deviceId: health.id, ...health }, health.id);
    if (health.kind === "scale")
      hub.publish("scale", { deviceId: health.id, ...health, connected: health.online }, health.id);
  };
  drivers.on("live-weight", liveWeight);
  drivers.on("scan", scan);
  drivers.on("health", health);
  drivers.on("status", status);
  for (const health of drivers.health()) {
    if (health.kind === "scale")
      hub.publish("scale", { deviceId: health.id, ...health, connected: health.online }, health.id);
  }
  return () => {
    drivers.off("live-weight", liveWeight);
    drivers.off("scan", scan);
    drivers.off("health", health);
    drivers.off("status", status);
  };
}
