import "./broker-codes.js";
import { EventEmitter } from "node:events";
import { Type } from "@sinclair/typebox";
import type { Database, Statement } from "better-sqlite3";
import { DEVICE_ID_PATTERN, DEVICE_KINDS, type DeviceKind } from "../edge/core/device-identity.js";
import { nullable, oneOf, type RecordOf, rowMapping } from "../edge/core/row-mapping.js";
import { StationError } from "../edge/core/station-error.js";
import { generateSecret, hashSecret, verifySecret } from "./credentials.js";

/** A device as the registry lists it (the `devices` table without its secret hash). */
export const DEVICE_COLUMNS = rowMapping({
  id: Type.String(),
  kind: oneOf(DEVICE_KINDS),
  site: nullable(Type.String()),
  created_at: Type.Integer(),
  last_seen_at: nullable(Type.Integer()),
  online: Type.Boolean(),
});
export type DeviceRecord = RecordOf<typeof DEVICE_COLUMNS>;

/**
 * Devices and their credentials. Reads on every connect, so a device added by the CLI works at
 * once. `credentialsChanged` fires for a reset or removal made through this instance (the
 * kiosk); the broker also polls `credentialEpoch`, for changes made by the CLI in another process.
 */
export class DeviceRegistry extends EventEmitter<{ credentialsChanged: [id: string] }> {
  private epochQuery: Statement<[], number> | undefined;

  constructor(private readonly db: Database) {
    super();
  }

  /**
   * A number that changes whenever any process resets a device's secret or removes a device
   * (triggers of core-004-credential-epoch): the broker's revocation poll reads it, and only
   * compares the connected devices' stamps when it moved.
   */
  credentialEpoch(): number {
    this.epochQuery ??= this.db.prepare<[], number>("SELECT n FROM credential_epoch WHERE id = 1").pluck();
    return this.epochQuery.get() ?? 0;
  }

  /** Register a device; the plain secret is returned once and only its hash is kept. */
  async add(
    id: string,
    kind: DeviceKind,
    site: string | null,
    now = Date.now(),
  ): Promise<{ secret: string }> {
    if (!DEVICE_ID_PATTERN.test(id)) {
      throw new StationError("DEVICE_ID_INVALID", `设备编号 "${id}" 不合法 / invalid device id`, { id });
    }
    if (this.get(id)) throw new StationError("DEVICE_EXISTS", `设备 ${id} 已存在 / device exists`, { id });
    const secret = generateSecret();
    const hash = await hashSecret(secret);
    this.db
      .prepare("INSERT INTO devices (id, kind, site, secret_hash, created_at) VALUES (?, ?, ?, ?, ?)")
      .run(id, kind, site, hash, now);
    return { secret };
  }

  /** Replace a device's secret (lost or leaked); the old one stops working at the next connect. */
  async resetSecret(id: string): Promise<{ secret: string }> {
    const secret = generateSecret();
    const result = this.db
      .prepare("UPDATE devices SET secret_hash = ? WHERE id = ?")
      .run(await hashSecret(secret), id);
    if (result.changes === 0) throw new StationError("DEVICE_NOT_FOUND", `设备 ${id} 不存在`, { id });
    this.emit("credentialsChanged", id);
    return { secret };
  }

  /** At the broker's start: no client is connected before it listens, whatever the last run recorded. */
  markAllOffline(): void {
    this.db.prepare("UPDATE devices SET online = 0").run();
  }

  remove(id: string): void {
    const result = this.db.prepare("DELETE FROM devices WHERE id = ?").run(id);
    if (result.changes === 0) throw new StationError("DEVICE_NOT_FOUND", `设备 ${id} 不存在`, { id });
    this.emit("credentialsChanged", id);
  }

  get(id: string): DeviceRecord | undefined {
    const row = this.db.prepare(`SELECT ${DEVICE_COLUMNS.columns} FROM devices WHERE id = ?`).get(id);
    return DEVICE_COLUMNS.maybeRecord(row);
  }

  list(): DeviceRecord[] {
    const rows = this.db.prepare(`SELECT ${DEVICE_COLUMNS.columns} FROM devices ORDER BY id`).all();
    return DEVICE_COLUMNS.records(rows);
  }

  /**
   * The stored secret hash of each listed device that still exists: a session is valid while
   * the stamp it logged in with is still the device's stamp.
   */
  credentialStamps(ids: readonly string[]): Map<string, string> {
    const stamps = new Map<string, string>();
    if (ids.length === 0) return stamps;
    const rows = this.db
      .prepare(`SELECT id, secret_hash FROM devices WHERE id IN (${ids.map(() => "?").join(",")})`)
      .all(...ids) as Array<{ id: string; secret_hash: string }>;
    for (const row of rows) stamps.set(row.id, row.secret_hash);
    return stamps;
  }

  /** True when the device exists and the secret matches its hash. */
  async authenticate(id: string, secret: string): Promise<boolean> {
    const row = this.db.prepare("SELECT secret_hash FROM devices WHERE id = ?").get(id) as
      | { secret_hash: string }
      | undefined;
    if (!row) return false;
    return verifySecret(secret, row.secret_hash);
  }

  /** Ensure a station-internal device exists (the demo scale, a serial driver); it never logs in over MQTT. */
  ensureInternal(id: string, kind: DeviceKind, site: string | null, now = Date.now()): void {
    this.db
      .prepare(
        "INSERT INTO devices (id, kind, site, secret_hash, created_at) VALUES (?, ?, ?, 'internal', ?) ON CONFLICT (id) DO NOTHING",
      )
      .run(id, kind, site, now);
  }
}
