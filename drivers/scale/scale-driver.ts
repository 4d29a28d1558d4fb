import { EventEmitter } from "node:events";
import type { TimerHandle } from "../../edge/core/clock.js";
import type { ScaleConfig } from "../config-schema.js";
import type { DriverStatus, LiveState, LiveWeight, StableWeight } from "../driver-status.js";
import { type LinkDriverDeps, linkStatus } from "../link-status.js";
import { ReconnectSupervisor } from "../transport/reconnect-supervisor.js";
import { PlacementTracker } from "./placement-tracker.js";
import { scaleProtocolFor } from "./protocols/index.js";
import type { ScaleFrame, ScaleProtocol } from "./protocols/types.js";
import { StabilityDetector } from "./stability-detector.js";

export interface ScaleDriverEvents {
  "live-weight": [live: LiveWeight];
  /** Every decoded frame, not rate-limited (the packing line decides on each), and `stale`. */
  frame: [frame: LiveWeight];
  "stable-weight": [stable: StableWeight];
  /** The port opened or closed. */
  status: [status: DriverStatus];
}

/**
 * A scale: transport + protocol + reconnect policy → a live weight stream (rate-limited for the
 * kiosk) and one stored stable weight per placement (STYLE.md §2).
 */
export class ScaleDriver extends EventEmitter<ScaleDriverEvents> {
  readonly protocol: ScaleProtocol;
  private readonly supervisor: ReconnectSupervisor;
  private readonly stability: StabilityDetector;
  private readonly placement: PlacementTracker;
  private rest: Buffer = Buffer.alloc(0);
  private counters = { framesOk: 0, checksumErrors: 0, garbageBytes: 0 };
  private lastFrameAt: number | null = null;
  private lastByteAt: number | null = null;
  private garbageSinceFrame = 0;
  private lastLiveAt = 0;
  private pendingLive: LiveWeight | undefined;
  private liveTimer: TimerHandle | undefined;
  private pollTimer: TimerHandle | undefined;
  private staleTimer: TimerHandle | undefined;
  private lastError: string | undefined;

  constructor(
    readonly config: ScaleConfig,
    private readonly deps: LinkDriverDeps,
  ) {
    super();
    this.protocol = scaleProtocolFor(config);
    this.stability = new StabilityDetector(config.stability);
    this.placement = new PlacementTracker(config);
    this.supervisor = new ReconnectSupervisor(deps.transport, deps.clock, deps.backoff, deps.log);
    this.supervisor.on("data", (chunk) => this.onData(chunk));
    this.supervisor.on("connected", () => {
      this.rest = Buffer.alloc(0);
      this.schedulePoll();
      this.armStale();
      this.emit("status", this.status());
    });
    this.supervisor.on("disconnected", () => this.emit("status", this.status()));
  }

  start(): void {
    this.supervisor.start();
  }

  async stop(): Promise<void> {
    for (const timer of [this.liveTimer, this.pollTimer, this.staleTimer]) {
      if (timer !== undefined) this.deps.clock.clearTimeout(timer);
    }
    this.liveTimer = undefined;
    this.pollTimer = undefined;
    this.staleTimer = undefined;
    await this.supervisor.stop();
  }

  status(): DriverStatus {
    return linkStatus({
      id: this.config.id,
      kind: "scale",
      transport: this.deps.transport,
      supervisor: this.supervisor,
      counters: this.counters,
      lastFrameAt: this.lastFrameAt,
      lastByteAt: this.lastByteAt,
      lastError: this.lastError,
      line: this.deps.line,
      format: this.config.protocol,
      silence: {
        now: this.deps.clock.now(),
        afterMs: this.config.silentAfterMs,
        garbageSinceFrame: this.garbageSinceFrame,
      },
    });
  }

  /** Polled protocols (MT-SICS) get a request each interval while the port is open. */
  private schedulePoll(): void {
    const poll = this.protocol.poll;
    if (!poll || this.pollTimer !== undefined) return;
    this.pollTimer = this.deps.clock.setTimeout(() => {
      this.pollTimer = undefined;
      if (!this.supervisor.connected) return;
      this.supervisor.write(poll).catch((err: Error) => {
        this.lastError = err.message;
      });
      this.schedulePoll();
    }, this.config.pollIntervalMs);
  }

  private onData(chunk: Buffer): void {
    const result = this.protocol.decode(this.rest.length ? Buffer.concat([this.rest, chunk]) : chunk);
    this.rest = result.rest;
    this.lastByteAt = this.deps.clock.now();
    this.counters.garbageBytes += result.garbageBytes;
    this.garbageSinceFrame += result.garbageBytes;
    this.counters.checksumErrors += result.checksumErrors;
    for (const frame of result.frames) this.onFrame(frame);
  }

  private onFrame(frame: ScaleFrame): void {
    const now = this.deps.clock.now();
    this.counters.framesOk++;
    this.lastFrameAt = now;
    this.garbageSinceFrame = 0;
    this.armStale();
    if (frame.kind !== "weight") {
      this.stability.reset();
      const state: LiveState = frame.kind === "busy" ? "busy" : frame.kind === "error" ? "error" : frame.kind;
      this.live({ deviceId: this.config.id, netKg: null, stable: false, state, ts: now });
      return;
    }
    // Demand (print-key) mode: the indicator sends one frame when the worker presses print, and
    // only when it is steady, so each frame is one stable weighing.
    const demand = this.config.output === "demand";
    const inferred = demand || this.stability.update(frame.kg, frame.resolutionKg, now);
    const stable = frame.stable ?? inferred;
    const state: LiveState = frame.kg < 0 ? "negative" : "ok";
    this.live({ deviceId: this.config.id, netKg: frame.kg, stable, state, ts: now });
    if (demand) {
      if (stable && frame.kg > this.config.zeroBandKg) this.submit(frame.kg, frame.tareKg, now);
      return;
    }
    const publish = this.placement.update(frame.kg, stable);
    if (publish !== undefined) this.submit(publish, frame.tareKg, now);
  }

  /**
   * A continuous indicator that stops sending (switched off, cable pulled at the indicator
   * while the USB adapter stays plugged) must not leave its last weight on screen as stable:
   * after `staleAfterMs` without a frame the state is `stale` and nothing can print from it.
   */
  private armStale(): void {
    if (this.config.output === "demand") return;
    if (this.staleTimer !== undefined) this.deps.clock.clearTimeout(this.staleTimer);
    this.staleTimer = this.deps.clock.setTimeout(() => {
      this.staleTimer = undefined;
      this.stability.reset();
      this.placement.update(0, false);
      this.live({
        deviceId: this.config.id,
        netKg: null,
        stable: false,
        state: "stale",
        ts: this.deps.clock.now(),
      });
    }, this.config.staleAfterMs);
    this.staleTimer.unref?.();
  }

  private submit(kg: number, tareKg: number | undefined, at: number): void {
    const body: Record<string, unknown> = { ts: at, net: kg, unit: "kg", stable: true };
    if (tareKg !== undefined && tareKg > 0) body.tare = tareKg;
    this.deps.outlets.submit(this.config.id, "weight", body).then(
      (messageId) => {
        if (messageId !== null) this.emit("stable-weight", { deviceId: this.config.id, kg, at, messageId });
      },
      (err: Error) => {
        this.lastError = `weight not stored: ${err.message}`;
        this.deps.log.warn({ device: this.config.id, err: err.message }, "stable weight not stored");
      },
    );
  }

  /** At most one live message per `liveIntervalMs`; the latest state always goes out. */
  private live(live: LiveWeight): void {
    this.emit("frame", live);
    this.pendingLive = live;
    if (this.liveTimer !== undefined) return;
    const wait = this.lastLiveAt + this.config.liveIntervalMs - live.ts;
    if (wait <= 0) {
      this.flushLive();
      return;
    }
    this.liveTimer = this.deps.clock.setTimeout(() => {
      this.liveTimer = undefined;
      this.flushLive();
    }, wait);
  }

  private flushLive(): void {
    const live = this.pendingLive;
    if (!live) return;
    this.pendingLive = undefined;
    this.lastLiveAt = this.deps.clock.now();
    this.deps.outlets.publishLive(this.config.id, JSON.stringify(live));
    this.emit("live-weight", live);
  }
}
