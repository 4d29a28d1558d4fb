import { toKg, type WeightUnit } from "../core/mass-units.js";
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
        unit: WeightUnit;
        stable: boolean;
        state?: string;
      };
      const weight: WeightEvent = {
        deviceId: message.deviceId,
        netKg: toKg(body.net, body.unit),
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
