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
  private readonly link: {
    connected: boolean;
    reconnects: number;
    failedOpens: number;
    lastError: string | undefined;
    since: number | null;
  } = { connected: false, reconnects: 0, failedOpens: 0, lastError: undefined, since: null };
  private everConnected = false;
  private running = false;
  private timer: TimerHandle | undefined;
  private delayMs: number;

  get connected(): boolean {
    return this.link.connected;
  }

  /** Successful opens after the first one. */
  get reconnects(): number {
    return this.link.reconnects;
  }

  get failedOpens(): number {
    return this.link.failedOpens;
  }

  get lastError(): string | undefined {
    return this.link.lastError;
  }

  /** Epoch ms the link last came up or went down (null before the first attempt settles). */
  get since(): number | null {
    return this.link.since;
  }

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
      this.link.lastError = err.message;
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
    this.link.connected = false;
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
      this.link.failedOpens++;
      if (this.link.failedOpens === 1 && !this.everConnected) this.link.since = this.clock.now();
      const message = (err as Error).message;
      // Log the first failure of a run loudly, repeats quietly: an absent scale is not news every second.
      if (this.link.lastError !== message) {
        this.log.warn({ port: this.transport.name, err: message }, "cannot open port; retrying");
      }
      this.link.lastError = message;
      this.schedule();
      return;
    }
    if (!this.running) {
      await this.transport.close();
      return;
    }
    this.link.connected = true;
    this.link.since = this.clock.now();
    this.delayMs = this.backoff.initialMs;
    if (this.everConnected) this.link.reconnects++;
    this.everConnected = true;
    this.link.lastError = undefined;
    this.log.info({ port: this.transport.name }, "port open");
    this.emit("connected");
  }

  private onClose(err: Error | undefined): void {
    const was = this.link.connected;
    this.link.connected = false;
    if (!this.running) return;
    if (was) this.link.since = this.clock.now();
    if (err) this.link.lastError = err.message;
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
