import { Gauge, type Registry } from "prom-client";
import type { AlarmStore } from "./alarm-store.js";
import type { RuleBook } from "./rule-book.js";

/**
 * Early-warning gauges on the station's registry, read at scrape time: open alarms by severity
 * and whether someone acknowledged them, and the rules in force. (`trace_station_alarm` is the
 * station's own technical alarms, disk and clock; these are the farm's.)
 */
export function registerAlarmGauges(registry: Registry, store: AlarmStore, rules: RuleBook): void {
  new Gauge({
    name: "trace_station_alarms_open",
    help: "Early-warning alarms not yet cleared, by severity and acknowledgement",
    labelNames: ["severity", "acknowledged"],
    registers: [registry],
    collect() {
      this.reset();
      for (const severity of ["info", "warning", "critical"]) {
        this.set({ severity, acknowledged: "false" }, 0);
        this.set({ severity, acknowledged: "true" }, 0);
      }
      for (const c of store.counts()) {
        this.set({ severity: c.severity, acknowledged: c.acknowledged ? "true" : "false" }, c.n);
      }
    },
  });
  new Gauge({
    name: "trace_station_alarm_rules",
    help: "Early-warning rules in force (enabled)",
    registers: [registry],
    collect() {
      this.set(rules.all().filter((r) => r.enabled).length);
    },
  });
}
