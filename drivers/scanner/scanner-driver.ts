import { EventEmitter } from "node:events";
import type { ScannerConfig } from "../config-schema.js";
import type { DriverStatus } from "../driver-status.js";
import { type LinkDriverDeps, linkStatus } from "../link-status.js";
import { ReconnectSupervisor } from "../transport/reconnect-supervisor.js";
import { splitLines } from "./line-splitter.js";

export interface ScannerDriverEvents {
  scan: [scan: { deviceId: string; code: string; at: number; messageId: number }];
  /** The port opened or closed. */
  status: [status: DriverStatus];
}

/** A barcode/QR scanner in serial mode: each line becomes a stored `scan` message. */
export class ScannerDriver extends EventEmitter<ScannerDriverEvents> {
  private readonly supervisor: ReconnectSupervisor;
  private rest: Buffer = Buffer.alloc(0);
  private counters = { framesOk: 0, checksumErrors: 0, garbageBytes: 0 };
  private lastFrameAt: number | null = null;
  private lastByteAt: number | null = null;
  private lastError: string | undefined;

  constructor(
    readonly config: ScannerConfig,
    private readonly deps: LinkDriverDeps,
  ) {
    super();
    this.supervisor = new ReconnectSupervisor(deps.transport, deps.clock, deps.backoff, deps.log);
    this.supervisor.on("data", (chunk) => this.onData(chunk));
    this.supervisor.on("connected", () => this.emit("status", this.status()));
    this.supervisor.on("disconnected", () => this.emit("status", this.status()));
  }

  start(): void {
    this.supervisor.start();
  }

  stop(): Promise<void> {
    return this.supervisor.stop();
  }

  status(): DriverStatus {
    return linkStatus({
      id: this.config.id,
      kind: "scanner",
      transport: this.deps.transport,
      supervisor: this.supervisor,
      counters: this.counters,
      lastFrameAt: this.lastFrameAt,
      lastByteAt: this.lastByteAt,
      lastError: this.lastError,
      line: this.deps.line,
    });
  }

  private onData(chunk: Buffer): void {
    this.lastByteAt = this.deps.clock.now();
    const result = splitLines(Buffer.concat([this.rest, chunk]));
    this.rest = result.rest;
    this.counters.garbageBytes += result.garbageBytes;
    for (const code of result.lines) {
      const at = this.deps.clock.now();
      this.counters.framesOk++;
      this.lastFrameAt = at;
      this.deps.outlets.submit(this.config.id, "scan", { ts: at, code }).then(
        (messageId) => {
          if (messageId !== null) this.emit("scan", { deviceId: this.config.id, code, at, messageId });
        },
        (err: Error) => {
          this.lastError = `scan not stored: ${err.message}`;
          this.deps.log.warn({ device: this.config.id, err: err.message }, "scan not stored");
        },
      );
    }
  }
}
