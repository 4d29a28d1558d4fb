import type { Clock, TimerHandle } from "../../edge/core/clock.js";
import { encodeModuleFrame } from "../rfid/fdx-frames.js";
import type { ByteTransport } from "../transport/byte-transport.js";

export type RfidOutputFormat = "allflex-la" | "decimal" | "hex-module";

export interface RfidSimulatorSettings {
  /** 15-digit ISO 11784 codes, read in turn ("982000123456789"). */
  tags: string[];
  format: RfidOutputFormat;
  /** Reads per tag while the stick is held at the ear (readers repeat a tag in the field). */
  repeats: number;
  /** Between repeated reads of one tag, and between tags. */
  repeatMs: number;
  nextTagMs: number;
  /** Run the list once (tests) or over and over (a demo on a pty). */
  loop: boolean;
}

/** How a reader family writes one read (see drivers/rfid/fdx-frames.ts). */
export function encodeRead(code: string, format: RfidOutputFormat): Buffer {
  const country = code.slice(0, 3);
  const national = code.slice(3);
  if (format === "allflex-la") return Buffer.from(`LA ${country} ${national}\r\n`, "latin1");
  if (format === "decimal") return Buffer.from(`${country} ${national}\r\n`, "latin1");
  return encodeModuleFrame(Number(country), Number(national));
}

/**
 * An animal tag stick reader in software: it is held at each ear in turn and, as real readers
 * do, sends the same tag several times while it is in the field. Drives `trace-station
 * simulate rfid-reader` through a real serial port or pty.
 */
export class RfidReaderSimulator {
  private timer: TimerHandle | undefined;
  private running = false;
  private index = 0;
  private repeat = 0;
  /** Reads written so far (tests compare with what the station stored). */
  readonly written: string[] = [];

  constructor(
    private readonly transport: ByteTransport,
    private readonly clock: Clock,
    private readonly settings: RfidSimulatorSettings,
  ) {}

  start(): void {
    this.running = true;
    this.tick();
  }

  stop(): void {
    this.running = false;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  get done(): boolean {
    return !this.settings.loop && this.index >= this.settings.tags.length;
  }

  private tick(): void {
    if (!this.running || this.done) return;
    const s = this.settings;
    const tag = s.tags[this.index % s.tags.length];
    if (tag === undefined) return;
    this.written.push(tag);
    void this.transport.write(encodeRead(tag, s.format)).catch(() => undefined);
    this.repeat++;
    let wait = s.repeatMs;
    if (this.repeat >= s.repeats) {
      this.repeat = 0;
      this.index++;
      wait = s.nextTagMs;
      if (s.loop && this.index >= s.tags.length) this.index = 0;
    }
    this.timer = this.clock.setTimeout(() => this.tick(), wait);
  }
}
