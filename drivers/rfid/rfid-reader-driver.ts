import { EventEmitter } from "node:events";
import type { ErrorCode } from "../../edge/core/error-codes.js";
import type { RfidReaderConfig } from "../config-schema.js";
import type { DriverStatus } from "../driver-status.js";
import { type LinkDriverDeps, linkStatus } from "../link-status.js";
import { submitScan } from "../scanner/submit-scan.js";
import { ReconnectSupervisor } from "../transport/reconnect-supervisor.js";
import { splitReads, type TagRead } from "./fdx-frames.js";

export interface RfidReaderEvents {
  scan: [scan: { deviceId: string; code: string; at: number; messageId: number }];
  /** The same tag again inside the repeat window: not stored (a stick held at an ear reads on). */
  repeat: [repeat: { deviceId: string; code: string; at: number }];
  status: [status: DriverStatus];
}

/**
 * An RFID stick reader (134.2 kHz, ISO 11784/11785 FDX-B/HDX) on a serial port. Each read
 * becomes a stored `scan` message with the 15-digit ISO code, through the same intake as a
 * barcode scan. Readers repeat a tag for as long as it is in the field, so a tag read again
 * within `repeatWindowMs` of its last read counts once.
 */
export class RfidReaderDriver extends EventEmitter<RfidReaderEvents> {
  private readonly supervisor: ReconnectSupervisor;
  private rest: Buffer = Buffer.alloc(0);
  private counters = { framesOk: 0, checksumErrors: 0, garbageBytes: 0, repeats: 0 };
  private lastFrameAt: number | null = null;
  private lastByteAt: number | null = null;
  private lastError: string | undefined;
  private lastCode: ErrorCode | undefined;
  private readonly lastSeen = new Map<string, number>();

  constructor(
    readonly config: RfidReaderConfig,
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

  /** Reads not stored because they repeated a tag inside the window. */
  get repeats(): number {
    return this.counters.repeats;
  }

  status(): DriverStatus {
    const { repeats: _repeats, ...counters } = this.counters;
    const status = linkStatus({
      id: this.config.id,
      kind: "scanner",
      transport: this.deps.transport,
      supervisor: this.supervisor,
      counters,
      lastFrameAt: this.lastFrameAt,
      lastByteAt: this.lastByteAt,
      lastError: this.lastError,
      line: this.deps.line,
      format: "FDX-B/HDX",
    });
    return this.lastCode && status.connected && !status.code ? { ...status, code: this.lastCode } : status;
  }

  private onData(chunk: Buffer): void {
    const now = this.deps.clock.now();
    this.lastByteAt = now;
    const { results, rest } = splitReads(Buffer.concat([this.rest, chunk]));
    this.rest = rest;
    for (const result of results) {
      if (result.kind === "read") {
        this.onRead(result.read, now);
        continue;
      }
      if (result.reason === "checksum") this.counters.checksumErrors++;
      else this.counters.garbageBytes += result.bytes.length;
      this.lastCode = "DRIVER_RFID_FRAME";
      this.lastError = `认不出的电子耳标读数 / unrecognised tag read: ${result.bytes.subarray(0, 32).toString("hex")}`;
    }
  }

  private onRead(read: TagRead, at: number): void {
    this.counters.framesOk++;
    this.lastFrameAt = at;
    this.lastCode = undefined;
    this.lastError = undefined;
    const before = this.lastSeen.get(read.iso);
    this.lastSeen.set(read.iso, at);
    this.forget(at);
    if (before !== undefined && at - before < this.config.repeatWindowMs) {
      this.counters.repeats++;
      this.emit("repeat", { deviceId: this.config.id, code: read.iso, at });
      return;
    }
    submitScan(
      this.deps,
      this.config.id,
      { code: read.iso, at },
      {
        stored: (messageId) => this.emit("scan", { deviceId: this.config.id, code: read.iso, at, messageId }),
        failed: (reason) => {
          this.lastError = reason;
        },
      },
    );
  }

  /** Tags out of the window are forgotten, so a day of reads cannot grow the map. */
  private forget(now: number): void {
    if (this.lastSeen.size < 256) return;
    for (const [code, at] of this.lastSeen) {
      if (now - at >= this.config.repeatWindowMs) this.lastSeen.delete(code);
    }
  }
}
