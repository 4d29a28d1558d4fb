import { EventEmitter } from "node:events";
import type { Database } from "better-sqlite3";
import type { DeviceRegistry } from "../../broker/device-registry.js";
import type { Clock, TimerHandle } from "../core/clock.js";
import type { Logger } from "../core/logger.js";
import type { AcceptedMessage } from "../intake/decode.js";
import { AlarmActions } from "./alarm-actions.js";
import type { AlarmActor, AlarmRecord } from "./alarm-record.js";
import type { AlarmStep, AlarmStore } from "./alarm-store.js";
import type { RuleBook } from "./rule-book.js";
import {
  type EpisodeState,
  evaluateReading,
  evaluateSilence,
  newEpisode,
  seedWindow,
  type Transition,
} from "./rule-evaluator.js";
import type { ResolvedRule } from "./rule-schema.js";

export interface AlarmEngineDeps {
  db: Database;
  store: AlarmStore;
  rules: RuleBook;
  devices: DeviceRegistry;
  clock: Clock;
  log: Logger;
  station: string;
  silentCheckSec: number;
  publish(topic: string, payload: string): void;
}

interface Watch {
  rule: ResolvedRule;
  deviceId: string;
  state: EpisodeState;
  alarmId: number | undefined;
}

const SITE_CACHE_MS = 30_000;

/**
 * Judges every stored reading against the rules that watch its metric and its place, and the
 * silent-sensor rules on a timer. Runs on the intake's `stored` event (after the commit, in the
 * main thread): the hot path is a map lookup per metric and a few comparisons per rule.
 */
export class AlarmEngine extends EventEmitter<{ changed: [AlarmRecord, AlarmStep] }> {
  readonly actions: AlarmActions;
  /** rule id → device id → what that rule knows of that sensor. */
  private readonly watches = new Map<string, Map<string, Watch>>();
  private readonly sites = new Map<string, { site: string | null; at: number }>();
  private timer: TimerHandle | undefined;
  private started = false;

  constructor(private readonly deps: AlarmEngineDeps) {
    super();
    this.actions = new AlarmActions({
      store: deps.store,
      devices: deps.devices,
      clock: deps.clock,
      log: deps.log,
      station: deps.station,
      publish: deps.publish,
      changed: (record, step) => this.emit("changed", record, step),
    });
    deps.rules.onChange(() => {
      if (this.started) this.sync();
    });
  }

  start(): void {
    this.started = true;
    this.sync();
    this.actions.resume();
    this.scheduleSilenceCheck();
  }

  stop(): void {
    this.started = false;
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.actions.stop();
  }

  /** The intake's `stored` listener; never throws (the message is already on disk). */
  onStored(message: AcceptedMessage): void {
    if (message.kind !== "reading" || !this.started) return;
    try {
      const values =
        message.values ?? Object.entries(JSON.parse(message.payload).values as Record<string, number>);
      const book = this.deps.rules;
      let site: string | null | undefined;
      for (const [metric, value] of values) {
        if (!book.watches(metric)) continue;
        const own = book.forDevice(metric, message.deviceId);
        if (own) this.judge(own, message, value);
        if (site === undefined) site = this.siteOf(message.deviceId);
        const onSite = site === null ? undefined : book.forSite(metric, site);
        if (onSite) this.judge(onSite, message, value);
      }
    } catch (err) {
      this.deps.log.error({ err, device: message.deviceId }, "alarm evaluation failed; reading kept");
    }
  }

  private judge(rules: readonly ResolvedRule[], message: AcceptedMessage, value: number): void {
    for (const rule of rules) {
      const watch = this.watch(rule, message.deviceId, message.receivedAt);
      const t = evaluateReading(rule, watch.state, message.ts, value, message.receivedAt);
      if (t) this.apply(watch, t);
    }
  }

  acknowledge(id: number, actor: AlarmActor, note: string): AlarmRecord {
    const record = this.deps.store.acknowledge(id, actor, note);
    this.emit("changed", record, "acknowledged");
    return record;
  }

  /** Judge silent sensors now (the timer calls this; tests with a manual clock may too). */
  checkSilence(): void {
    const now = this.deps.clock.now();
    for (const perDevice of this.watches.values()) {
      for (const watch of perDevice.values()) {
        const t = evaluateSilence(watch.rule, watch.state, now);
        if (t) this.apply(watch, t);
      }
    }
  }

  private apply(watch: Watch, t: Transition): void {
    const { store, log } = this.deps;
    if (t.type === "raise") {
      const site = watch.rule.site ?? this.siteOf(watch.deviceId);
      const record = store.raise(watch.rule, watch.deviceId, site, t);
      if (!record) return;
      watch.alarmId = record.id;
      log.warn(
        {
          alarm: record.id,
          rule: watch.rule.id,
          device: watch.deviceId,
          value: t.value,
          severity: watch.rule.severity,
        },
        "alarm raised",
      );
      this.emit("changed", record, "raised");
      this.actions.run(record, watch.rule);
      return;
    }
    if (watch.alarmId === undefined) return;
    const record = store.clear(watch.alarmId, t.at, t.value);
    watch.alarmId = undefined;
    if (!record) return;
    log.info({ alarm: record.id, rule: watch.rule.id, device: watch.deviceId }, "alarm cleared");
    this.emit("changed", record, "cleared");
  }

  private watch(rule: ResolvedRule, deviceId: string, seenAt: number): Watch {
    let perDevice = this.watches.get(rule.id);
    if (!perDevice) {
      perDevice = new Map();
      this.watches.set(rule.id, perDevice);
    }
    let watch = perDevice.get(deviceId);
    if (!watch || watch.rule !== rule) {
      // A reloaded rule is a new object: keep what its predecessor knew (an open episode).
      const fresh = watch === undefined;
      watch = { rule, deviceId, state: watch?.state ?? newEpisode(seenAt), alarmId: watch?.alarmId };
      perDevice.set(deviceId, watch);
      if (fresh && rule.kind === "rate") seedWindow(rule, watch.state, this.storedSamples(rule, deviceId));
    }
    return watch;
  }

  /**
   * Align memory with the rules and the open alarms on disk: open alarms are restored as raised
   * (no second raise after a restart), alarms of a removed rule are cleared, and silent rules
   * watch the sensors they cover from now on.
   */
  private sync(): void {
    const now = this.deps.clock.now();
    const byId = new Map(this.deps.rules.all().map((r) => [r.id, r]));
    for (const ruleId of this.watches.keys()) {
      if (!byId.get(ruleId)?.enabled) this.watches.delete(ruleId);
    }
    for (const alarm of this.deps.store.open()) {
      const rule = byId.get(alarm.ruleId);
      if (!rule?.enabled) {
        const cleared = this.deps.store.clear(alarm.id, now, null);
        if (cleared) this.emit("changed", cleared, "cleared");
        continue;
      }
      const watch = this.watch(rule, alarm.deviceId, now);
      watch.state.raised = true;
      watch.alarmId = alarm.id;
    }
    for (const rule of byId.values()) {
      if (rule.kind !== "silent" || !rule.enabled) continue;
      for (const deviceId of this.silentTargets(rule)) this.watch(rule, deviceId, now);
    }
  }

  /** Sensors a silent rule covers: its device, or the site's sensors that ever sent the metric. */
  private silentTargets(rule: ResolvedRule): string[] {
    if (rule.device !== null) return [rule.device];
    const rows = this.deps.db.prepare("SELECT id FROM devices WHERE site = ?").all(rule.site) as Array<{
      id: string;
    }>;
    const last = this.deps.db.prepare(
      "SELECT payload FROM messages WHERE device_id = ? AND kind = 'reading' ORDER BY id DESC LIMIT 1",
    );
    return rows
      .filter(({ id }) => {
        const row = last.get(id) as { payload: string } | undefined;
        return row !== undefined && rule.metric in (JSON.parse(row.payload).values ?? {});
      })
      .map(({ id }) => id);
  }

  /** The device's stored readings of the rule's metric within its window, oldest first. */
  private storedSamples(rule: ResolvedRule, deviceId: string): Array<[number, number]> {
    const rows = this.deps.db
      .prepare(
        "SELECT ts, payload FROM messages WHERE device_id = ? AND kind = 'reading' AND ts >= ? ORDER BY ts, id",
      )
      .all(deviceId, this.deps.clock.now() - rule.windowSec * 1000) as Array<{ ts: number; payload: string }>;
    const out: Array<[number, number]> = [];
    for (const row of rows) {
      const value = (JSON.parse(row.payload) as { values?: Record<string, unknown> }).values?.[rule.metric];
      if (typeof value === "number") out.push([row.ts, value]);
    }
    return out;
  }

  private siteOf(deviceId: string): string | null {
    const now = this.deps.clock.now();
    const cached = this.sites.get(deviceId);
    if (cached && now - cached.at < SITE_CACHE_MS) return cached.site;
    const site = this.deps.devices.get(deviceId)?.site ?? null;
    this.sites.set(deviceId, { site, at: now });
    return site;
  }

  private scheduleSilenceCheck(): void {
    this.timer = this.deps.clock.setTimeout(() => {
      if (!this.started) return;
      try {
        this.checkSilence();
      } catch (err) {
        this.deps.log.error({ err }, "silent-sensor check failed");
      }
      this.scheduleSilenceCheck();
    }, this.deps.silentCheckSec * 1000);
    this.timer.unref?.();
  }
}
