import type { Database } from "better-sqlite3";
import type { DeviceRegistry } from "../../broker/device-registry.js";
import type { DeviceHealth, DeviceProblem } from "../../drivers/device-health.js";
import { describeCode, isErrorCode } from "../error-catalog.js";
import { noteSeen, type Seen } from "../intake/device-last-seen.js";

export interface DeviceOverview {
  id: string;
  kind: string;
  site: string | null;
  online: boolean;
  internal: boolean;
  lastSeenAt: number | null;
  lastMessage: { kind: string; ts: number; receivedAt: number; payload: unknown } | null;
  lastRefusal: { code: string; reason: string; topic: string; receivedAt: number } | null;
  refusals: number;
  /** Station-driven devices: the driver's health record (link, frames, problem and remedy). */
  health: DeviceHealth | null;
  /**
   * What is wrong now, with its remedy, for every device: a driven device's health problem, or
   * for an MQTT device its last refusal while nothing good has arrived since.
   */
  problem: DeviceProblem | null;
}

/** The drivers' health records, read at request time. */
export type DeviceHealthSource = () => readonly DeviceHealth[];

/**
 * The cooperative's view of its devices: each with online state, the last message it sent and
 * the last one the station refused (code and reason), read straight from the core tables.
 */
export class DeviceOverviewQuery {
  private readonly lastMessage;
  private readonly lastRefusal;
  private readonly refusalCount;
  private readonly internal;
  private readonly unwritten;
  private readonly messageById;

  constructor(
    db: Database,
    private readonly devices: DeviceRegistry,
    private readonly health: DeviceHealthSource = () => [],
  ) {
    // Newest by device time is what a technician expects; the intake writer keeps its id on
    // the device row (no per-device index over millions of readings).
    this.lastMessage = db.prepare(
      "SELECT kind, ts, received_at, payload FROM messages WHERE id = (SELECT last_message_id FROM devices WHERE id = ?)",
    );
    this.lastRefusal = db.prepare(
      "SELECT code, reason, topic, received_at FROM dead_letters WHERE device_id = ? ORDER BY id DESC LIMIT 1",
    );
    this.refusalCount = db.prepare("SELECT count(*) AS n FROM dead_letters WHERE device_id = ?");
    this.internal = db.prepare("SELECT secret_hash = 'internal' AS internal FROM devices WHERE id = ?");
    // The device rows' last seen and newest message are written every few seconds
    // (edge/intake/derived-writes.ts); the messages after derived_cursor, a few seconds of
    // intake read by rowid, hold what is newer, so this view is current to the last commit.
    this.unwritten = db
      .prepare(
        "SELECT m.device_id, m.id, m.ts, m.received_at FROM messages m, derived_cursor c WHERE m.id > c.last_message_id",
      )
      .raw();
    this.messageById = db.prepare("SELECT kind, ts, received_at, payload FROM messages WHERE id = ?");
  }

  list(): DeviceOverview[] {
    const all = this.health();
    const health = new Map(all.map((h) => [h.id, h]));
    const registered = this.devices.list();
    const known = new Set(registered.map((d) => d.id));
    // Printers are driven by the print queue and never registered as MQTT devices: they are
    // listed from their health record alone.
    const unregistered = all.filter((h) => !known.has(h.id)).map(healthOnly);
    return [...this.registered(registered, health, this.newer()), ...unregistered];
  }

  /** Per device, what its messages after derived_cursor add: newest receive time and newest message. */
  private newer(): Map<string, Seen> {
    const out = new Map<string, Seen>();
    for (const [device, id, ts, at] of this.unwritten.all() as Array<[string, number, number, number]>)
      noteSeen(out, device, at, id, ts);
    return out;
  }

  private registered(
    registered: ReturnType<DeviceRegistry["list"]>,
    health: ReadonlyMap<string, DeviceHealth>,
    newer: ReadonlyMap<string, Seen>,
  ): DeviceOverview[] {
    return registered.map((device) => {
      const driven = health.get(device.id) ?? null;
      const recent = newer.get(device.id);
      let message = this.lastMessage.get(device.id) as StoredMessage | undefined;
      if (recent?.id && (!message || recent.ts >= message.ts))
        message = this.messageById.get(recent.id) as StoredMessage | undefined;
      const lastSeenAt =
        recent && (device.lastSeenAt === null || recent.at > device.lastSeenAt)
          ? recent.at
          : device.lastSeenAt;
      const refusal = this.lastRefusal.get(device.id) as
        | { code: string; reason: string; topic: string; received_at: number }
        | undefined;
      const count = this.refusalCount.get(device.id) as { n: number };
      const internal = this.internal.get(device.id) as { internal: number } | undefined;
      return {
        id: device.id,
        kind: device.kind,
        site: device.site,
        // Internal devices never log in over MQTT: their driver knows whether they work.
        online: driven ? driven.online : device.online,
        internal: internal?.internal === 1,
        lastSeenAt,
        lastMessage: message
          ? {
              kind: message.kind,
              ts: message.ts,
              receivedAt: message.received_at,
              payload: parse(message.payload),
            }
          : null,
        lastRefusal: refusal
          ? {
              code: refusal.code,
              reason: refusal.reason,
              topic: refusal.topic,
              receivedAt: refusal.received_at,
            }
          : null,
        refusals: count.n,
        health: driven,
        problem: driven ? driven.problem : refusalProblem(refusal, message?.received_at),
      };
    });
  }
}

interface StoredMessage {
  kind: string;
  ts: number;
  received_at: number;
  payload: string;
}

/** A driven device the registry does not hold (a printer): what its health record says. */
function healthOnly(h: DeviceHealth): DeviceOverview {
  return {
    id: h.id,
    kind: h.kind,
    site: null,
    online: h.online,
    internal: true,
    lastSeenAt: h.lastFrameAt,
    lastMessage: null,
    lastRefusal: null,
    refusals: 0,
    health: h,
    problem: h.problem,
  };
}

function refusalProblem(
  refusal: { code: string; reason: string; received_at: number } | undefined,
  lastGoodAt: number | undefined,
): DeviceProblem | null {
  if (!refusal || !isErrorCode(refusal.code)) return null;
  if (lastGoodAt !== undefined && lastGoodAt > refusal.received_at) return null;
  return { code: refusal.code, ...describeCode(refusal.code), detail: refusal.reason };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
