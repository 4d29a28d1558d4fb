import { afterEach, describe, expect, it } from "vitest";
import { DeviceRegistry } from "../../../broker/device-registry.js";
import { AlarmActions } from "../../../edge/alarms/alarm-actions.js";
import { AlarmStore } from "../../../edge/alarms/alarm-store.js";
import { resolveRule } from "../../../edge/alarms/resolve-rule.js";
import type { ResolvedRule } from "../../../edge/alarms/rule-schema.js";
import { silentLogger } from "../../../edge/core/logger.js";
import { type Database, openDatabase } from "../../../edge/store/database.js";
import { FakeClock } from "../../helpers/fake-clock.js";
import { removeDir, tempDir } from "../../helpers/station.js";

/** The action state machine on a real SQLite file with a manual clock: refused, late ack, restart. */
let dir = "";
let db: Database | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
  removeDir(dir);
});

function setup() {
  dir = tempDir("alarm-actions-store");
  const opened = openDatabase(dir);
  db = opened;
  const clock = new FakeClock(Date.parse("2026-11-20T02:00:00Z"));
  const store = new AlarmStore(opened, () => clock.now());
  const devices = new DeviceRegistry(opened);
  const published: string[] = [];
  const changed: string[] = [];
  const actions = () =>
    new AlarmActions({
      store,
      devices,
      clock,
      log: silentLogger(),
      station: "ST01",
      publish: (topic) => published.push(topic),
      changed: (record) => changed.push(record.action?.state ?? "none"),
    });
  const r = resolveRule(
    {
      id: "fan",
      preset: "barn-nh3-high",
      site: "barn",
      action: { device: "fan1", command: "fan", ackTimeoutSec: 30 },
    },
    "config",
  );
  if (!r.ok) throw new Error("rule");
  const raise = (rule: ResolvedRule) => {
    const alarm = store.raise(rule, "nh1", "barn", { since: clock.now(), at: clock.now(), value: 30 });
    if (!alarm) throw new Error("not raised");
    return alarm;
  };
  return { opened, clock, store, devices, published, changed, actions, rule: r.rule, raise };
}

describe("alarm actions on disk", () => {
  it("a device that answers ok:false is recorded as refused; a late answer after no_ack changes nothing", async () => {
    const s = setup();
    await s.devices.add("fan1", "sensor", "barn");
    s.opened.prepare("UPDATE devices SET online = 1 WHERE id = 'fan1'").run();
    const actions = s.actions();
    const first = s.raise(s.rule);
    actions.run(first, s.rule);
    expect(s.published).toEqual(["trace/v1/dev/fan1/cmd/fan"]);
    expect(actions.answered(first.id, false, "relay stuck")?.action).toMatchObject({
      state: "refused",
      detail: "relay stuck",
    });
    // Running the same alarm's action again (a retry by mistake) publishes nothing.
    actions.run(s.store.get(first.id)!, s.rule);
    expect(s.published).toHaveLength(1);

    s.store.clear(first.id, s.clock.now(), 10);
    const second = s.raise(s.rule);
    actions.run(second, s.rule);
    const timer = s.clock.pending(30_000).at(-1)!;
    s.clock.fire(timer);
    expect(s.store.get(second.id)?.action?.state).toBe("no_ack");
    expect(actions.answered(second.id, true, null)).toBeUndefined();
    expect(s.store.get(second.id)?.action?.state).toBe("no_ack");
    const outbox = s.opened
      .prepare("SELECT record_id FROM outbox WHERE stream = 'alarms' ORDER BY id")
      .all() as Array<{
      record_id: string;
    }>;
    expect(outbox.map((r) => r.record_id)).toEqual([
      "alarm:1:raised",
      "alarm:1:action",
      "alarm:1:cleared",
      "alarm:2:raised",
      "alarm:2:action",
    ]);
  });

  it("after a restart a command still within its wait keeps waiting for the rest of it", async () => {
    const s = setup();
    await s.devices.add("fan1", "sensor", "barn");
    s.opened.prepare("UPDATE devices SET online = 1 WHERE id = 'fan1'").run();
    const alarm = s.raise(s.rule);
    s.actions().run(alarm, s.rule);
    // A new process 10 s later: 20 s of the 30 s wait remain.
    const later = new FakeClock(s.clock.now() + 10_000);
    const resumed = new AlarmActions({
      store: new AlarmStore(s.opened, () => later.now()),
      devices: s.devices,
      clock: later,
      log: silentLogger(),
      station: "ST01",
      publish: (topic) => s.published.push(topic),
      changed: () => {},
    });
    resumed.resume();
    expect(later.pending().map((t) => t.ms)).toEqual([20_000]);
    expect(s.published).toHaveLength(1);
    resumed.answered(alarm.id, true, null);
    expect(s.store.get(alarm.id)?.action?.state).toBe("acknowledged");
  });
});
