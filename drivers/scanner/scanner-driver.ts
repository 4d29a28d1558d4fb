import { EventEmitter } from "node:events";
import type { TimerHandle } from "../../edge/core/clock.js";
import type { ErrorCode } from "../../edge/core/error-codes.js";
import type { ScannerConfig } from "../config-schema.js";
import type { DriverStatus } from "../driver-status.js";
import { type LinkDriverDeps, linkStatus } from "../link-status.js";
import { ReconnectSupervisor } from "../transport/reconnect-supervisor.js";
import { splitLines, trimBytes } from "./line-splitter.js";
import { decodeScan } from "./scan-decoder.js";
import { submitScan } from "./submit-scan.js";

export interface ScannerDriverEvents {
  scan: [scan: { deviceId: string; code: string; at: number; messageId: number }];
  /** A code was refused (not valid in the configured encoding); nothing was stored. */
  refused: [refusal: { deviceId: string; code: ErrorCode; at: number; hex: string }];
  /** The port opened or closed. */
  status: [status: DriverStatus];
}

/**
 * A barcode/QR scanner in serial mode: each line becomes a stored `scan` message. Scanners
 * that end codes with nothing get `idleTerminatorMs`: a pause ends the code, so it is not
 * glued to the next one.
 */
export class ScannerDriver extends EventEmitter<ScannerDriverEvents> {
  private readonly supervisor: ReconnectSupervisor;
  private rest: Buffer = Buffer.alloc(0);
  private counters = { framesOk: 0, checksumErrors: 0, garbageBytes: 0 };
  private lastFrameAt: number | null = null;
  private lastByteAt: number | null = null;
  private lastError: string | undefined;
  private lastCode: ErrorCode | undefined;
  private idleTimer: TimerHandle | undefined;

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
    if (this.idleTimer !== undefined) this.deps.clock.clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    return this.supervisor.stop();
  }

  status(): DriverStatus {
    const status = linkStatus({
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
    // A refused code is the scanner's current problem until the next good one.
    return this.lastCode && status.connected && !status.code ? { ...status, code: this.lastCode } : status;
  }

  private onData(chunk: Buffer): void {
    this.lastByteAt = this.deps.clock.now();
    const result = splitLines(Buffer.concat([this.rest, chunk]));
    this.rest = result.rest;
    this.counters.garbageBytes += result.garbageBytes;
    for (const line of result.lines) this.onCode(line);
    this.armIdle();
  }

  private armIdle(): void {
    const idle = this.config.idleTerminatorMs;
    if (idle === undefined) return;
    if (this.idleTimer !== undefined) this.deps.clock.clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.rest.length === 0) return;
    this.idleTimer = this.deps.clock.setTimeout(() => {
      this.idleTimer = undefined;
      const line = trimBytes(this.rest);
      this.rest = Buffer.alloc(0);
      if (line.length > 0) this.onCode(Buffer.from(line));
    }, idle);
  }

  private onCode(bytes: Buffer): void {
    const at = this.deps.clock.now();
    const code = decodeScan(bytes, this.config.encoding);
    if (code === undefined) {
      this.counters.garbageBytes += bytes.length;
      this.lastCode = "DRIVER_SCAN_ENCODING";
      const hex = bytes.subarray(0, 32).toString("hex");
      this.lastError = `扫码内容不是有效的 ${this.config.encoding} / scanned bytes are not valid ${this.config.encoding}: ${hex}`;
      this.deps.log.warn(
        { device: this.config.id, encoding: this.config.encoding, hex },
        "scan refused: encoding",
      );
      this.emit("refused", { deviceId: this.config.id, code: "DRIVER_SCAN_ENCODING", at, hex });
      return;
    }
    this.counters.framesOk++;
    this.lastFrameAt = at;
    this.lastCode = undefined;
    this.lastError = undefined;
    submitScan(
      this.deps,
      this.config.id,
      { code, at },
      {
        stored: (messageId) => this.emit("scan", { deviceId: this.config.id, code, at, messageId }),
        failed: (reason) => {
          this.lastError = reason;
        },
      },
    );
  }
}
