import { EventEmitter } from "node:events";
import type { Clock, TimerHandle } from "../../edge/core/clock.js";
import type { Logger } from "../../edge/core/logger.js";
import type { ByteTransport } from "./byte-transport.js";

export interface BackoffSettings {
  /** First retry after this many ms. */
  initialMs: number;
  /** Retries never wait longer than this, so a replugged device is back within it. */
  maxMs: number;
}

export interface SupervisorEvents {
  connected: [];
  disconnected: [err: Error | undefined];
  data: [chunk: Buffer];
}

/**
 * Keeps a transport open: a device absent at start is retried, an unplugged one is reopened,
 * with exponential backoff on the injected clock (STYLE.md §4). Never throws for a missing
 * device; the driver's status shows it instead.
 */
export class ReconnectSupervisor extends EventEmitter<SupervisorEvents> {
  connected = false;
  /** Successful opens after the first one. */
  reconnects = 0;
  failedOpens = 0;
  lastError: string | undefined;
  /** Epoch ms the link last came up or went down (null before the first attempt settles). */
  since: number | null = null;
  private everConnected = false;
  private running = false;
  private timer: TimerHandle | undefined;
  private delayMs: number;

  constructor(
    readonly transport: ByteTransport,
    private readonly clock: Clock,
    private readonly backoff: BackoffSettings,
    private readonly log: Logger,
  ) {
    super();
    this.delayMs = backoff.initialMs;
    transport.on("data", (chunk) => this.emit("data", chunk));
    transport.on("error", (err) => {
      this.lastError = err.message;
      this.log.warn({ err: err.message, port: transport.name }, "transport error");
    });
    transport.on("close", (err) => this.onClose(err));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.attempt();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.transport.isOpen) await this.transport.close();
    this.connected = false;
  }

  async write(bytes: Buffer): Promise<void> {
    await this.transport.write(bytes);
  }

  private async attempt(): Promise<void> {
    this.timer = undefined;
    if (!this.running) return;
    try {
      await this.transport.open();
    } catch (err) {
      this.failedOpens++;
      if (this.failedOpens === 1 && !this.everConnected) this.since = this.clock.now();
      const message = (err as Error).message;
      // Log the first failure of a run loudly, repeats quietly: an absent scale is not news every second.
      if (this.lastError !== message) {
        this.log.warn({ port: this.transport.name, err: message }, "cannot open port; retrying");
      }
      this.lastError = message;
      this.schedule();
      return;
    }
    if (!this.running) {
      await this.transport.close();
      return;
    }
    this.connected = true;
    this.since = this.clock.now();
    this.delayMs = this.backoff.initialMs;
    if (this.everConnected) this.reconnects++;
    this.everConnected = true;
    this.lastError = undefined;
    this.log.info({ port: this.transport.name }, "port open");
    this.emit("connected");
  }

  private onClose(err: Error | undefined): void {
    const was = this.connected;
    this.connected = false;
    if (!this.running) return;
    if (was) this.since = this.clock.now();
    if (err) this.lastError = err.message;
    if (was) {
      this.log.warn({ port: this.transport.name, err: err?.message }, "port closed; reopening");
      this.emit("disconnected", err);
    }
    if (this.timer === undefined) this.schedule();
  }

  private schedule(): void {
    if (!this.running) return;
    const delay = this.delayMs;
    this.delayMs = Math.min(this.backoff.maxMs, this.delayMs * 2);
    this.timer = this.clock.setTimeout(() => void this.attempt(), delay);
  }
}
