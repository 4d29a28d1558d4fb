import type { RefusalNotice } from "../../broker/intake-port.js";
import { EventLinks, listen } from "../core/event-links.js";
import { toKg, type WeightUnit } from "../core/mass-units.js";
import type { StationService } from "../core/station-service.js";
import type { Domain } from "../domain/domain.js";
import type { Package } from "../domain/records.js";
import type { AcceptedMessage } from "../intake/decode.js";
import type { Intake } from "../intake/intake.js";
import type { StoredFeed } from "../intake/stored-feed.js";
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
 * domain writes them (the packing line makes them, edge/packing-line), voids, refusals as alarms;
 * from its `start` to its `stop`.
 */
export class LiveBridge implements StationService {
  readonly name = "live-bridge";
  private readonly links: EventLinks;

  constructor(
    private readonly deps: {
      hub: EventHub;
      intake: StoredFeed & Pick<Intake, "on" | "off">;
      domain: Domain;
    },
  ) {
    const { hub, intake, domain } = deps;
    const weight = (message: AcceptedMessage) => {
      if (message.kind !== "weight") return;
      const body = JSON.parse(message.payload) as {
        net: number;
        unit: WeightUnit;
        stable: boolean;
        state?: string;
      };
      const event: WeightEvent = {
        deviceId: message.deviceId,
        netKg: toKg(body.net, body.unit),
        stable: body.stable,
        state: body.state ?? "ok",
        ts: message.ts,
      };
      hub.publish("weight", event, message.deviceId);
    };
    const created = (pkg: Package) => this.packageCreated(pkg);
    const voided = (pkg: Package) => hub.publish("package", pkg);
    const refused = (notice: RefusalNotice) => {
      hub.publish("alarm", {
        source: "device",
        deviceId: notice.deviceId,
        code: notice.code,
        reason: notice.reason,
      });
    };
    this.links = new EventLinks(this.name, [
      listen(intake, "stored", weight),
      listen(domain.events, "package", created),
      listen(domain.events, "package.voided", voided),
      listen(intake, "refused", refused),
    ]);
  }

  start(): Promise<void> {
    return this.links.start();
  }

  stop(): Promise<void> {
    return this.links.stop();
  }

  /** A live weight from a station driver (not stored). */
  liveWeight(weight: WeightEvent): void {
    this.deps.hub.publish("weight", weight, weight.deviceId);
  }

  packageCreated(pkg: Package): void {
    this.deps.hub.publish("package", pkg);
  }
}
