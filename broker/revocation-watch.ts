import type { Clock, TimerHandle } from "../edge/core/clock.js";
import type { DeviceRegistry } from "./device-registry.js";

export interface Session {
  deviceId: string;
  /** The device's secret hash when it logged in. */
  stamp: string;
  close(): void;
}

/**
 * Ends the sessions of a device that was removed or whose secret was reset. A change through
 * the station's own registry (the kiosk) is seen at once; one made by the CLI in another
 * process is seen by polling the registry's credential epoch, one number that triggers move on
 * every reset and removal. The connected devices' stamps are compared only when it moved, or
 * when a session was added since the last comparison (its stamp was read at login, perhaps
 * just before a change the poll had already seen).
 */
export class RevocationWatch {
  private readonly sessions = new Set<Session>();
  private timer: TimerHandle | undefined;
  private running = false;
  private readonly onChange = (): void => this.sweep();
  /** The epoch the stamps were last compared at; unset when a comparison is due regardless. */
  private epoch: number | undefined;

  constructor(
    private readonly devices: DeviceRegistry,
    private readonly intervalMs: number,
    private readonly clock: Clock,
    private readonly onRevoked: (session: Session, reason: "removed" | "secret-reset") => void,
  ) {}

  start(): void {
    this.devices.on("credentialsChanged", this.onChange);
    this.running = true;
    this.schedule();
  }

  stop(): void {
    this.devices.off("credentialsChanged", this.onChange);
    this.running = false;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = this.clock.setTimeout(() => {
      this.poll();
      this.schedule();
    }, this.intervalMs);
    this.timer.unref?.();
  }

  add(session: Session): void {
    this.sessions.add(session);
    this.epoch = undefined;
  }

  delete(session: Session): void {
    this.sessions.delete(session);
  }

  /** What the timer runs: a sweep, if the credentials may have changed since the last one. */
  poll(): void {
    if (this.sessions.size === 0) return;
    let epoch: number;
    try {
      epoch = this.devices.credentialEpoch();
    } catch {
      return; // the database is busy or closing; the next poll decides
    }
    if (epoch === this.epoch) return;
    // Read before the stamps: a change between the two moves the epoch again, and the next
    // poll sweeps once more.
    this.epoch = epoch;
    this.sweep();
  }

  /** Compare every open session's stamp with the device's stamp now; public so a test can step it. */
  sweep(): void {
    if (this.sessions.size === 0) return;
    const ids = [...new Set([...this.sessions].map((s) => s.deviceId))];
    let stamps: Map<string, string>;
    try {
      stamps = this.devices.credentialStamps(ids);
    } catch {
      this.epoch = undefined;
      return; // the database is busy or closing; the next poll decides
    }
    for (const session of [...this.sessions]) {
      const now = stamps.get(session.deviceId);
      if (now === session.stamp) continue;
      this.sessions.delete(session);
      this.onRevoked(session, now === undefined ? "removed" : "secret-reset");
      session.close();
    }
  }
}
