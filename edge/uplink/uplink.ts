import "./uplink-codes.js";
import type { Database } from "better-sqlite3";
import type { Clock, TimerHandle } from "../core/clock.js";
import type { Logger } from "../core/logger.js";
import { StationError } from "../core/station-error.js";
import type { StationService } from "../core/station-service.js";
import type { EpcisRecordMapper } from "../epcis/record-events.js";
import type { StoredFeed } from "../intake/stored-feed.js";
import type { SinkConfig, UplinkConfig } from "./config-schema.js";
import { DeliveryState } from "./delivery-state.js";
import { HttpsSink } from "./https-sink.js";
import { MqttSink } from "./mqtt-sink.js";
import { epcisFormat, stationFormat, type UplinkFormat } from "./record-formats.js";
import { RetentionPolicy } from "./retention.js";
import type { Sink } from "./sink.js";
import { retentionCounts, sinkStatus, type UplinkStatus } from "./status.js";

export interface UplinkDeps {
  db: Database;
  config: UplinkConfig;
  /** Station code: part of every record id and topic. */
  station: string;
  clock: Clock;
  log: Logger;
  /** Maps domain records to EPCIS events, for sinks with `format: epcis`. */
  epcis?: EpcisRecordMapper;
  random?: () => number;
  /** From `start`, each commit wakes the sinks (else they find new messages at their next poll). */
  stored?: StoredFeed;
}

export function assertUniqueSinkNames(sinks: readonly SinkConfig[]): void {
  const seen = new Set<string>();
  for (const sink of sinks) {
    if (seen.has(sink.name)) {
      throw new StationError(
        "UPLINK_SINK_DUPLICATE",
        `上传通道名称重复 / duplicate sink name: ${sink.name}`,
        {
          sink: sink.name,
        },
      );
    }
    seen.add(sink.name);
  }
}

/**
 * Store-and-forward to every configured upstream. The station's SQLite file is the only queue:
 * each sink drains `messages` (device data) and `outbox` (domain records) by its own cursors,
 * so a slow or unreachable upstream never holds another back and nothing is lost on restart.
 */
export class Uplink implements StationService {
  readonly name = "uplink";
  private readonly sinks: Sink[];
  private readonly retention: RetentionPolicy;
  private retentionTimer: TimerHandle | null = null;

  constructor(private readonly deps: UplinkDeps) {
    assertUniqueSinkNames(deps.config.sinks);
    const station = stationFormat(deps.station);
    const epcis = deps.epcis ? epcisFormat(deps.station, deps.epcis) : null;
    this.sinks = deps.config.sinks.map((config) => {
      let format: UplinkFormat = station;
      if (config.format === "epcis") {
        if (!epcis) {
          throw new StationError(
            "UPLINK_FORMAT_UNAVAILABLE",
            `上传通道 ${config.name} 要求 EPCIS 格式，但没有业务记录可用 / EPCIS format needs the domain records`,
            { sink: config.name },
          );
        }
        format = epcis;
      }
      const state = new DeliveryState(deps.db, config.name, deps.station, format);
      const log = deps.log.child({ component: "uplink", sink: config.name });
      return config.type === "mqtt"
        ? new MqttSink(config, state, deps.station, deps.config.backoff, deps.clock, log, deps.random)
        : new HttpsSink(config, state, deps.config.backoff, deps.clock, log, deps.random);
    });
    this.retention = new RetentionPolicy(
      deps.db,
      deps.config.retention,
      deps.station,
      deps.log.child({ component: "uplink-retention" }),
    );
  }

  async start(): Promise<void> {
    for (const sink of this.sinks) sink.start();
    this.scheduleRetention();
    this.deps.stored?.on("stored", this.wakeOnCommit);
  }

  private readonly wakeOnCommit = (): void => this.wake();

  async stop(): Promise<void> {
    this.deps.stored?.off("stored", this.wakeOnCommit);
    if (this.retentionTimer !== null) this.deps.clock.clearTimeout(this.retentionTimer);
    this.retentionTimer = null;
    await Promise.all(this.sinks.map((s) => s.stop()));
  }

  /** New records were stored: sinks look now instead of at their next poll. */
  wake(): void {
    for (const sink of this.sinks) sink.wake();
  }

  status(): UplinkStatus {
    const now = this.deps.clock.now();
    return {
      sinks: this.sinks.map((sink) =>
        sinkStatus(
          this.deps.db,
          {
            name: sink.name,
            type: sink.type,
            connected: sink.connected,
            cursors: sink.state.cursorsSnapshot,
            lastSuccessAt: sink.state.lastSuccess,
            lastError: sink.state.lastFailure,
          },
          now,
        ),
      ),
      retention: retentionCounts(this.deps.db),
    };
  }

  /** Highest message id every sink has delivered (Infinity without sinks): for local retention. */
  deliveredMessagesUpTo(): number {
    return Math.min(...this.sinks.map((s) => s.state.cursor("messages")));
  }

  /** Apply the retention policy now (also runs on its interval). */
  runRetention(): ReturnType<RetentionPolicy["run"]> {
    const cursors = this.sinks.map((s) => s.state.cursor("messages"));
    if (cursors.length === 0) return { dropped: 0, rolledUp: 0, rollupsWritten: 0 };
    return this.retention.run(this.deps.clock.now(), Math.min(...cursors));
  }

  private scheduleRetention(): void {
    if (this.deps.config.retention.readings === "keep" || this.sinks.length === 0) return;
    this.retentionTimer = this.deps.clock.setTimeout(() => {
      this.retentionTimer = null;
      try {
        this.runRetention();
      } catch (err) {
        this.deps.log.error({ err }, "retention run failed");
      }
      this.scheduleRetention();
    }, this.deps.config.retention.intervalMs);
  }
}
