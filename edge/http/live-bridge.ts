import type { Logger } from "../core/logger.js";
import { toKg, type WeightUnit } from "../core/mass-units.js";
import type { Domain } from "../domain/domain.js";
import type { Package } from "../domain/records.js";
import type { Intake } from "../intake/intake.js";
import type { EventHub } from "./event-hub.js";
import type { LabelJobs } from "./label-jobs.js";

/** The kiosk's weight event: one shape whether it came from a serial driver or an MQTT scale. */
export interface WeightEvent {
  deviceId: string;
  netKg: number | null;
  stable: boolean;
  state: string;
  ts: number;
}

/**
 * Feeds the kiosk's live events from the intake: weights from network scales, packages the
 * domain projection made from stable weights (printed at once when auto-print is on for that
 * scale), refusals as alarms.
 */
export class LiveBridge {
  /** Scales whose stable weights print without a tap. */
  readonly autoPrint = new Set<string>();

  constructor(
    private readonly deps: {
      hub: EventHub;
      intake: Intake;
      domain: Domain;
      labels: () => LabelJobs | undefined;
      log: Logger;
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
    // Packages the projection made from stored stable weights; the kiosk's own weigh route
    // announces the packages it makes itself.
    deps.domain.events.on("package", (pkg, origin) => {
      if (origin.messageId != null) this.packageCreated(pkg);
    });
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
    const labels = this.deps.labels();
    if (!pkg.deviceId || !this.autoPrint.has(pkg.deviceId) || !labels) return;
    labels.printPackage(pkg.serial, false).catch((err: unknown) => {
      this.deps.log.error({ err, serial: pkg.serial }, "auto-print of a package label failed");
      this.deps.hub.publish("alarm", { source: "printer", serial: pkg.serial, reason: String(err) });
    });
  }
}
