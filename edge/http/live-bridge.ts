import type { Domain } from "../domain/domain.js";
import type { Package } from "../domain/records.js";
import type { Intake } from "../intake/intake.js";
import type { EventHub } from "./event-hub.js";

/** The kiosk's weight event: one shape whether it came from a serial driver or an MQTT scale. */
export interface WeightEvent {
  deviceId: string;
  netKg: number | null;
  stable: boolean;
  state: string;
  ts: number;
}

const KG: Record<string, number> = { kg: 1, g: 0.001, t: 1000, lb: 0.45359237 };

/**
 * Feeds the kiosk's live events from the intake: weights from network scales, packages as the
 * domain writes them (the packing line makes them, edge/packing-line), voids, refusals as alarms.
 */
export class LiveBridge {
  constructor(
    private readonly deps: {
      hub: EventHub;
      intake: Intake;
      domain: Domain;
    },
  ) {
    const { hub, intake } = deps;
    intake.on("stored", (message) => {
      if (message.kind !== "weight") return;
      const body = JSON.parse(message.payload) as {
        net: number;
        unit: string;
        stable: boolean;
        state?: string;
      };
      const weight: WeightEvent = {
        deviceId: message.deviceId,
        netKg: Math.round(body.net * (KG[body.unit] ?? 1) * 1e6) / 1e6,
        stable: body.stable,
        state: body.state ?? "ok",
        ts: message.ts,
      };
      hub.publish("weight", weight, message.deviceId);
    });
    deps.domain.events.on("package", (pkg) => this.packageCreated(pkg));
    deps.domain.events.on("package.voided", (pkg) => hub.publish("package", pkg));
    intake.on("refused", (notice) => {
      hub.publish("alarm", {
        source: "device",
        deviceId: notice.deviceId,
        code: notice.code,
        reason: notice.reason,
      });
    });
  }

  /** A live weight from a station driver (not stored). */
  liveWeight(weight: WeightEvent): void {
    this.deps.hub.publish("weight", weight, weight.deviceId);
  }

  packageCreated(pkg: Package): void {
    this.deps.hub.publish("package", pkg);
  }
}
