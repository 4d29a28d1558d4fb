import "./alarm-codes.js";
import type { Database } from "better-sqlite3";
import type { Registry } from "prom-client";
import type { DeviceRegistry } from "../../broker/device-registry.js";
import { STATION_PREFIX } from "../../broker/topics.js";
import type { Clock } from "../core/clock.js";
import type { Logger } from "../core/logger.js";
import type { StationService } from "../core/station-service.js";
import type { EventHub } from "../http/event-hub.js";
import type { Projector } from "../intake/projector.js";
import type { StoredFeed, StoredListener } from "../intake/stored-feed.js";
import { alarmAckProjection } from "./ack-projection.js";
import { AlarmEngine } from "./alarm-engine.js";
import { registerAlarmGauges } from "./alarm-metrics.js";
import type { AlarmRecord } from "./alarm-record.js";
import { type AlarmStep, AlarmStore } from "./alarm-store.js";
import { type AlarmView, presentAlarm } from "./alarm-view.js";
import { RuleBook } from "./rule-book.js";
import type { AlarmsConfig } from "./rule-schema.js";

export interface AlarmsDeps {
  db: Database;
  /** Shared with the domain's trace records. */
  store?: AlarmStore;
  config: AlarmsConfig;
  station: string;
  devices: DeviceRegistry;
  intake: StoredFeed;
  projector: Projector;
  /** The station's metrics registry (edge/ops), when metrics are on: the alarm gauges join it. */
  metrics?: Registry;
  clock: Clock;
  log: Logger;
  publish(topic: string, payload: string): void;
  /** Site id → its name, for the plain words on screen. */
  siteName?: (id: string) => string | undefined;
}

/** Early warning (评估预警): rules, alarm records, the evaluating engine and its actions. */
export class StationAlarms implements StationService {
  readonly name = "alarms";
  readonly store: AlarmStore;
  readonly rules: RuleBook;
  readonly engine: AlarmEngine;
  private readonly siteName: (id: string) => string | undefined;
  private readonly log: Logger;
  private readonly judge: StoredListener = (message) => this.engine.onStored(message);

  constructor(private readonly deps: AlarmsDeps) {
    const now = () => deps.clock.now();
    this.siteName = deps.siteName ?? (() => undefined);
    this.log = deps.log.child({ component: "alarms" });
    this.store = deps.store ?? new AlarmStore(deps.db, now);
    this.rules = new RuleBook(deps.db, deps.config.rules, now);
    this.engine = new AlarmEngine({
      db: deps.db,
      store: this.store,
      rules: this.rules,
      devices: deps.devices,
      clock: deps.clock,
      log: deps.log.child({ component: "alarms" }),
      station: deps.station,
      silentCheckSec: deps.config.silentCheckSec,
      publish: deps.publish,
    });
    deps.projector.register(alarmAckProjection(this.store, this.engine));
    if (deps.metrics) registerAlarmGauges(deps.metrics, this.store, this.rules);
    // Station events for local consumers (a farm's own display or SCADA), e.g.
    // trace/v1/station/alarm/raised; live only, the records go upward through the outbox.
    this.engine.on("changed", (alarm, step) => {
      try {
        deps.publish(`${STATION_PREFIX}alarm/${step}`, JSON.stringify(this.present(alarm)));
      } catch {
        // A live notice only: the step is already on disk.
      }
    });
  }

  /** Open alarms on the kiosk's live feed (kind "alarm", `source: "rule"`). */
  forwardTo(hub: EventHub): () => void {
    const send = (alarm: AlarmRecord, step: AlarmStep) =>
      hub.publish("alarm", {
        source: "rule",
        step,
        active: alarm.cleared === null,
        alarm: this.present(alarm),
      });
    this.engine.on("changed", send);
    return () => this.engine.off("changed", send);
  }

  present(alarm: AlarmRecord): AlarmView {
    return presentAlarm(alarm, this.siteName);
  }

  /** Rules judge every reading committed from here on. */
  async start(): Promise<void> {
    this.engine.start();
    this.deps.intake.on("stored", this.judge);
    this.warnAboutUnwatchedPlaces();
  }

  /** A rule on a site no sensor stands on (a typo, or not wired yet) never fires: say so at start. */
  private warnAboutUnwatchedPlaces(): void {
    const bySite = this.deps.db.prepare("SELECT 1 FROM devices WHERE site = ? LIMIT 1");
    const byId = this.deps.db.prepare("SELECT 1 FROM devices WHERE id = ?");
    for (const rule of this.rules.all()) {
      const watched = rule.device !== null ? byId.get(rule.device) : bySite.get(rule.site);
      if (watched === undefined) {
        this.log.warn(
          { rule: rule.id, site: rule.site, device: rule.device, code: "ALARM_RULE_INVALID" },
          "预警规则所指的地块/设备上还没有传感器 / no sensor is registered where this alarm rule looks",
        );
      }
    }
  }

  async stop(): Promise<void> {
    this.deps.intake.off("stored", this.judge);
    this.engine.stop();
  }
}
