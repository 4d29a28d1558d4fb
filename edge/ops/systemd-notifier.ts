import { execFile } from "node:child_process";
import type { Clock, TimerHandle } from "../core/clock.js";
import type { Logger } from "../core/logger.js";

/** Runs `systemd-notify` with the given arguments; injected so tests can record the calls. */
export type NotifyRunner = (args: readonly string[], env: NodeJS.ProcessEnv) => Promise<void>;

export const runSystemdNotify: NotifyRunner = (args, env) =>
  new Promise((resolve, reject) => {
    // The barrier (sd_notify_barrier, systemd ≥ 246) makes systemd-notify wait until the manager
    // has read the message, so it is attributed to our cgroup before the helper exits: the race
    // NotifyAccess=all otherwise has with short-lived senders (systemd-notify(1) "Notes").
    execFile("systemd-notify", [...args], { env, timeout: 10_000 }, (err) => (err ? reject(err) : resolve()));
  });

export interface NotifierEnv {
  NOTIFY_SOCKET?: string | undefined;
  WATCHDOG_USEC?: string | undefined;
  WATCHDOG_PID?: string | undefined;
}

/**
 * The sd_notify protocol (sd_notify(3)) without linking libsystemd: READY=1 once the store and
 * broker are up, WATCHDOG=1 at half the WatchdogSec interval while the event loop turns, and
 * STOPPING=1 on shutdown. Does nothing unless systemd gave us NOTIFY_SOCKET.
 */
export class SystemdNotifier {
  private timer: TimerHandle | undefined;
  private stopped = false;
  readonly watchdogIntervalMs: number | undefined;

  constructor(
    private readonly env: NotifierEnv,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly run: NotifyRunner = runSystemdNotify,
    pid: number = process.pid,
  ) {
    const usec = Number(env.WATCHDOG_USEC);
    // sd_watchdog_enabled(3): WATCHDOG_PID, when set, names the process the watchdog is meant for.
    const forUs =
      env.WATCHDOG_PID === undefined || env.WATCHDOG_PID === "" || Number(env.WATCHDOG_PID) === pid;
    this.watchdogIntervalMs =
      this.enabled && forUs && Number.isFinite(usec) && usec > 0
        ? Math.max(1, Math.floor(usec / 2000))
        : undefined;
  }

  get enabled(): boolean {
    return typeof this.env.NOTIFY_SOCKET === "string" && this.env.NOTIFY_SOCKET.length > 0;
  }

  /** Tell systemd the station is up, and start the watchdog pings. */
  async ready(status: string): Promise<void> {
    if (!this.enabled) return;
    await this.send(["--ready", `--status=${status}`]);
    if (this.watchdogIntervalMs !== undefined) this.schedulePing(this.watchdogIntervalMs);
  }

  async status(text: string): Promise<void> {
    if (this.enabled) await this.send([`--status=${text}`]);
  }

  /** Stop pinging and tell systemd the stop is deliberate (so a slow flush is not a hang). */
  async stopping(): Promise<void> {
    this.stopped = true;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.enabled) await this.send(["STOPPING=1"]);
  }

  private schedulePing(ms: number): void {
    if (this.stopped) return;
    this.timer = this.clock.setTimeout(() => {
      // A ping is only sent when the timer fires, i.e. when the event loop is not stuck: a
      // blocked loop misses pings and systemd restarts the station (WatchdogSec=).
      this.send(["WATCHDOG=1"]).finally(() => this.schedulePing(ms));
    }, ms);
    this.timer.unref?.();
  }

  private async send(args: string[]): Promise<void> {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      NOTIFY_SOCKET: this.env.NOTIFY_SOCKET,
    };
    try {
      await this.run(args, env);
    } catch (err) {
      this.log.warn({ args, err: (err as Error).message }, "systemd-notify failed");
    }
  }
}
