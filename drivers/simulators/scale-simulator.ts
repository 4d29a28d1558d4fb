import type { Clock, TimerHandle } from "../../edge/core/clock.js";
import type { ScaleProtocol, SimulatedReading } from "../scale/protocols/types.js";
import type { ByteTransport } from "../transport/byte-transport.js";

export interface ScaleSimulatorSettings {
  protocol: ScaleProtocol;
  /** How often a continuous indicator sends a frame (10 Hz is typical). */
  frameIntervalMs: number;
  /** Time the pan stays empty, the load takes to settle or leave, and stays on. */
  emptyMs: number;
  settleMs: number;
  holdMs: number;
  minKg: number;
  maxKg: number;
  /** Amplitude of the wobble while the load moves. */
  noiseKg: number;
  /** Insert random bytes between frames now and then (tests resynchronisation). */
  garbage: boolean;
  decimals: number;
  random: () => number;
}

export const DEFAULT_SIMULATOR: Omit<ScaleSimulatorSettings, "protocol"> = {
  frameIntervalMs: 100,
  emptyMs: 3000,
  settleMs: 800,
  holdMs: 4000,
  minKg: 0.5,
  maxKg: 8,
  noiseKg: 0.05,
  garbage: false,
  decimals: 3,
  random: Math.random,
};

type Phase = "empty" | "placing" | "loaded" | "removing";

/**
 * A scale indicator in software: produce is placed, settles, stays, is removed, over and
 * over. Continuous protocols stream frames; polled ones (MT-SICS) answer `SI`/`S`. Drives the
 * embedded demo through an in-memory cable and `trace-station simulate scale` through a real
 * serial port or pty.
 */
export class ScaleSimulator {
  private phase: Phase = "empty";
  private phaseStart = 0;
  private targetKg = 0;
  private timer: TimerHandle | undefined;
  private running = false;
  private pending = "";
  /** Loads placed so far, and each target weight (tests compare with what was stored). */
  readonly placed: number[] = [];

  constructor(
    private readonly transport: ByteTransport,
    private readonly clock: Clock,
    private readonly settings: ScaleSimulatorSettings,
  ) {
    transport.on("data", (chunk) => this.onRequest(chunk));
  }

  start(): void {
    this.running = true;
    this.phaseStart = this.clock.now();
    if (!this.settings.protocol.poll) this.tick();
  }

  stop(): void {
    this.running = false;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** What the indicator shows now. */
  current(): SimulatedReading {
    const s = this.settings;
    const now = this.clock.now();
    let elapsed = now - this.phaseStart;
    const advance = (next: Phase, after: number): boolean => {
      if (elapsed < after) return false;
      this.phase = next;
      this.phaseStart = now;
      elapsed = 0;
      return true;
    };
    if (this.phase === "empty" && advance("placing", s.emptyMs)) {
      const steps = 10 ** s.decimals;
      this.targetKg = Math.round((s.minKg + s.random() * (s.maxKg - s.minKg)) * steps) / steps;
      this.placed.push(this.targetKg);
    } else if (this.phase === "placing") advance("loaded", s.settleMs);
    else if (this.phase === "loaded") advance("removing", s.holdMs);
    else if (this.phase === "removing") advance("empty", s.settleMs);

    const decimals = s.decimals;
    if (this.phase === "empty") return { kg: 0, stable: true, decimals };
    if (this.phase === "loaded") return { kg: this.targetKg, stable: true, decimals };
    const progress = Math.min(1, elapsed / s.settleMs);
    const base = this.phase === "placing" ? this.targetKg * progress : this.targetKg * (1 - progress);
    const wobble = (s.random() - 0.5) * 2 * s.noiseKg;
    const kg = Math.max(0, Math.round((base + wobble) * 10 ** decimals) / 10 ** decimals);
    return { kg, stable: false, decimals };
  }

  private tick(): void {
    if (!this.running) return;
    this.send(this.settings.protocol.encode(this.current()));
    this.timer = this.clock.setTimeout(() => this.tick(), this.settings.frameIntervalMs);
  }

  private send(frame: Buffer): void {
    if (!this.transport.isOpen) return;
    let bytes = frame;
    if (this.settings.garbage && this.settings.random() < 0.2) {
      const junk = Buffer.alloc(1 + Math.floor(this.settings.random() * 8));
      for (let i = 0; i < junk.length; i++) junk[i] = Math.floor(this.settings.random() * 256);
      bytes = Buffer.concat([junk, frame]);
    }
    this.transport.write(bytes).catch(() => {
      // The host end went away; the next tick tries again, as a real indicator keeps sending.
    });
  }

  /** MT-SICS: answer `SI` and `S` with the current weight, anything else with `ES`. */
  private onRequest(chunk: Buffer): void {
    const poll = this.settings.protocol.poll;
    if (!poll || !this.running) return;
    this.pending += chunk.toString("latin1");
    if (this.settings.protocol.id !== "mt-sics") {
      // Addressed indicators (Yaohua tf=1) answer only their own request, exactly as sent.
      const request = poll.toString("latin1");
      for (let at = this.pending.indexOf(request); at >= 0; at = this.pending.indexOf(request)) {
        this.pending = this.pending.slice(at + request.length);
        this.send(this.settings.protocol.encode(this.current()));
      }
      if (this.pending.length > 64) this.pending = this.pending.slice(-request.length);
      return;
    }
    let end = this.pending.search(/[\r\n]/);
    while (end >= 0) {
      const command = this.pending.slice(0, end).trim();
      this.pending = this.pending.slice(end + 1);
      if (command === "SI" || command === "S") this.send(this.settings.protocol.encode(this.current()));
      else if (command.length > 0) this.send(Buffer.from("ES\r\n", "latin1"));
      end = this.pending.search(/[\r\n]/);
    }
    if (this.pending.length > 64) this.pending = "";
  }
}
