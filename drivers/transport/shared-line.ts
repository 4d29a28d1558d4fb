import { EventEmitter } from "node:events";
import type { Clock } from "../../edge/core/clock.js";
import type { ByteTransport, ByteTransportEvents } from "./byte-transport.js";

/**
 * One RS-485 line shared by several addressed devices (Yaohua tf=1 indicators): one port, and
 * for each device a tap that looks like its own ByteTransport, so each keeps its own driver,
 * supervisor and health. Every tap hears every byte (each protocol picks its own address);
 * writes take turns with `slotMs` between them so answers do not collide on the half-duplex
 * line, and a poll still waiting for its turn is not queued twice.
 */
export class SharedLine {
  private refs = 0;
  private opening: Promise<void> | undefined;
  private turn: Promise<void> = Promise.resolve();
  private lastWriteAt = Number.NEGATIVE_INFINITY;
  private readonly taps = new Set<LineTap>();

  constructor(
    readonly transport: ByteTransport,
    private readonly clock: Clock,
    private readonly slotMs = 80,
  ) {
    transport.on("data", (chunk) => {
      for (const tap of this.taps) if (tap.isOpen) tap.emit("data", chunk);
    });
    transport.on("error", (err) => {
      for (const tap of this.taps) if (tap.isOpen) tap.emit("error", err);
    });
    transport.on("close", (err) => {
      this.refs = 0;
      for (const tap of this.taps) tap.lineClosed(err);
    });
  }

  tap(): ByteTransport {
    const tap = new LineTap(this);
    this.taps.add(tap);
    return tap;
  }

  async acquire(): Promise<void> {
    if (!this.transport.isOpen) {
      this.opening ??= this.transport.open().finally(() => {
        this.opening = undefined;
      });
      await this.opening;
    }
    this.refs++;
  }

  async release(): Promise<void> {
    this.refs = Math.max(0, this.refs - 1);
    if (this.refs === 0 && this.transport.isOpen) await this.transport.close();
  }

  send(bytes: Buffer): Promise<void> {
    const go = async () => {
      const wait = this.lastWriteAt + this.slotMs - this.clock.now();
      if (wait > 0) await new Promise<void>((resolve) => this.clock.setTimeout(resolve, wait));
      this.lastWriteAt = this.clock.now();
      await this.transport.write(bytes);
    };
    const run = this.turn.then(go, go);
    this.turn = run.catch(() => undefined);
    return run;
  }
}

class LineTap extends EventEmitter<ByteTransportEvents> implements ByteTransport {
  readonly name: string;
  private opened = false;
  private waiting = false;

  constructor(private readonly line: SharedLine) {
    super();
    this.name = line.transport.name;
  }

  get isOpen(): boolean {
    return this.opened && this.line.transport.isOpen;
  }

  async open(): Promise<void> {
    if (this.opened) return;
    await this.line.acquire();
    this.opened = true;
  }

  async write(bytes: Buffer): Promise<void> {
    if (!this.isOpen) throw new Error(`${this.name} is not open`);
    // The previous poll has not had its turn yet: asking twice gets no fresher answer.
    if (this.waiting) return;
    this.waiting = true;
    try {
      await this.line.send(bytes);
    } finally {
      this.waiting = false;
    }
  }

  async close(): Promise<void> {
    if (!this.opened) return;
    this.opened = false;
    await this.line.release();
    this.emit("close");
  }

  /** The shared port went away: every device on it is unplugged at once. */
  lineClosed(err: Error | undefined): void {
    if (!this.opened) return;
    this.opened = false;
    this.emit("close", err);
  }
}
