import { createRequire } from "node:module";
import type { IClientOptions, MqttClient } from "mqtt";
import type { Clock, TimerHandle } from "../core/clock.js";
import type { Logger } from "../core/logger.js";
import { Backoff } from "./backoff.js";
import type { BackoffConfig, MqttSinkConfig } from "./config-schema.js";
import type { DeliveryState } from "./delivery-state.js";
import type { PendingRecord } from "./pending-record.js";
import { SinkPipeline } from "./pipeline.js";
import { readPem } from "./read-pem.js";
import { FLUSH_EVERY_MS, IDLE_POLL_MS, type Sink } from "./sink.js";
import { renderTopic } from "./topic-template.js";

/** Losses in a row with the same record first in line: to start probing, then to refuse it. */
const SUSPECT_LOSSES = 3;
/** Records acknowledged one at a time before the full window is used again. */
const PROBE_ACKS = 50;

/**
 * mqtt.js is required at the first connection, not when the station loads: most stations
 * have no upstream MQTT sink, and every module loaded stays in the RSS (issue 16).
 */
function mqttClient(): typeof import("mqtt") {
  return createRequire(import.meta.url)("mqtt") as typeof import("mqtt");
}

const suspectKey = (r: PendingRecord): string => `${r.feed}:${r.sourceId}:${r.failureId ?? ""}`;

/**
 * Upstream MQTT with QoS 1. Each connection is a fresh mqtt.js client with its in-memory store:
 * mqtt.js keys in-flight messages by 16-bit packet ids and forgets them on exit, so durability
 * lives in SQLite instead. On any loss the client is dropped, the pipeline rewinds to the last
 * contiguous acknowledgement, and a new client resends from there in order after a jittered
 * backoff on the injected clock (mqtt.js's own reconnect timer is off).
 */
export class MqttSink implements Sink {
  readonly type = "mqtt";
  private readonly pipeline: SinkPipeline;
  private readonly backoff: Backoff;
  private readonly options: IClientOptions;
  private client: MqttClient | null = null;
  private generation = 0;
  private inflight = 0;
  private running = false;
  private isConnected = false;
  private pumpScheduled = false;
  private reconnectTimer: TimerHandle | null = null;
  private idleTimer: TimerHandle | null = null;
  private flushTimer: TimerHandle | null = null;
  /** Records of this connection awaiting PUBACK, in send order (see `judgeLoss`). */
  private readonly unacked = new Map<number, PendingRecord>();
  private sendSeq = 0;
  private suspect: { key: string; losses: number } | null = null;
  /** One record at a time, so a refusal cannot hide behind others (see `judgeLoss`). */
  private probing = false;
  private probeAcks = 0;

  constructor(
    private readonly config: MqttSinkConfig,
    readonly state: DeliveryState,
    private readonly station: string,
    backoff: BackoffConfig,
    private readonly clock: Clock,
    private readonly log: Logger,
    random: () => number = Math.random,
  ) {
    this.pipeline = new SinkPipeline(state, () => clock.now());
    this.backoff = new Backoff(backoff, random);
    const ca = readPem(config.ca, config.name, "ca");
    const cert = readPem(config.cert, config.name, "cert");
    const key = readPem(config.key, config.name, "key");
    this.options = {
      clientId: config.clientId ?? `trace-station-${station}-${config.name}`,
      protocolVersion: 4,
      clean: true,
      keepalive: config.keepaliveSec,
      connectTimeout: config.connectTimeoutMs,
      reconnectPeriod: 0,
      ...(config.username !== undefined ? { username: config.username } : {}),
      ...(config.password !== undefined ? { password: config.password } : {}),
      ...(ca ? { ca } : {}),
      ...(cert ? { cert } : {}),
      ...(key ? { key } : {}),
    };
  }

  get name(): string {
    return this.config.name;
  }

  get connected(): boolean {
    return this.isConnected;
  }

  start(): void {
    this.running = true;
    this.open();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.clearTimers();
    this.generation++;
    const client = this.client;
    this.client = null;
    this.isConnected = false;
    this.state.flush(this.clock.now());
    if (client) await client.endAsync(true).catch(() => undefined);
  }

  /** Cut an idle poll short; a sink busy with records needs no nudge. */
  wake(): void {
    if (this.idleTimer === null || !this.isConnected) return;
    this.clock.clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (!this.pumpScheduled) this.schedulePump();
  }

  private open(): void {
    if (!this.running) return;
    const generation = ++this.generation;
    const client = mqttClient().connect(this.config.url, this.options);
    this.client = client;
    client.on("connect", () => {
      if (generation !== this.generation) return;
      this.isConnected = true;
      this.backoff.reset();
      this.inflight = 0;
      this.unacked.clear();
      this.pipeline.rewind();
      this.log.info({ url: this.config.url }, "upstream connected");
      this.schedulePump();
    });
    client.on("error", (err) => {
      if (generation !== this.generation) return;
      this.state.noteError(this.clock.now(), `[UPLINK_CONNECT_FAILED] ${err.message}`);
    });
    client.on("close", () => {
      if (generation !== this.generation) return;
      this.lost("connection closed");
    });
  }

  /** Drop the client and come back after a backoff; in-flight records are resent from SQLite. */
  private lost(why: string): void {
    const wasConnected = this.isConnected;
    if (wasConnected) this.judgeLoss();
    this.isConnected = false;
    this.generation++;
    const client = this.client;
    this.client = null;
    client?.removeAllListeners();
    client?.on("error", () => undefined);
    client?.end(true);
    this.state.flush(this.clock.now());
    if (!this.running) return;
    const delay = this.backoff.next();
    if (wasConnected) this.log.warn({ why, retryInMs: delay }, "upstream lost");
    else this.log.debug({ why, retryInMs: delay }, "upstream unreachable");
    this.clearTimers();
    this.reconnectTimer = this.clock.setTimeout(() => {
      this.reconnectTimer = null;
      this.open();
    }, delay);
  }

  /**
   * MQTT 3.1.1 has no negative PUBACK: a server that will not take a PUBLISH closes the
   * connection (§3.3.5, §4.8), and PUBACKs it wrote just before may be lost with the socket,
   * so with many records in flight the culprit is not known. After SUSPECT_LOSSES losses in a
   * row with the same record first in line, the sink sends one record at a time; a record
   * alone in flight at SUSPECT_LOSSES more losses is kept as refused (shown by `uplink status`,
   * sent again by `uplink retry`) so the stream behind it moves on. PROBE_ACKS acknowledged
   * records end the one-at-a-time mode.
   */
  private judgeLoss(): void {
    const first = this.unacked.values().next().value as PendingRecord | undefined;
    if (!first) return;
    const key = suspectKey(first);
    this.suspect = this.suspect?.key === key ? { key, losses: this.suspect.losses + 1 } : { key, losses: 1 };
    if (this.suspect.losses < SUSPECT_LOSSES) return;
    this.suspect = null;
    if (!this.probing) {
      this.probing = true;
      this.probeAcks = 0;
      this.log.warn(
        "upstream keeps closing the connection: sending one record at a time to find the refused one",
      );
      return;
    }
    const reason =
      "上游收到此记录即断开连接 / the upstream closes the connection on this record (MQTT 3.1.1 §3.3.5)";
    this.log.warn({ record: first.recordId }, "record refused by upstream");
    this.state.noteError(this.clock.now(), `[UPLINK_PUBLISH_FAILED] ${first.recordId}: ${reason}`);
    this.pipeline.refused(first, reason);
    this.probing = false;
  }

  private schedulePump(): void {
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    const client = this.client;
    if (!client || !this.isConnected) return;
    const generation = this.generation;
    const window = this.probing ? 1 : this.config.inFlight;
    while (this.inflight < window) {
      const records = this.pipeline.take(window - this.inflight);
      if (records.length === 0) break;
      for (const record of records) this.publish(client, generation, record);
    }
    if (this.inflight === 0) this.idle();
    this.scheduleFlush();
  }

  private publish(client: MqttClient, generation: number, record: PendingRecord): void {
    this.inflight++;
    const n = ++this.sendSeq;
    this.unacked.set(n, record);
    const window = this.probing ? 1 : this.config.inFlight;
    const topic = renderTopic(this.config.topic, this.station, record);
    const payload = this.state.format.single(record.body, record.recordId, this.clock.now());
    client.publish(topic, payload, { qos: 1 }, (err) => {
      if (generation !== this.generation) return;
      this.inflight--;
      if (err) {
        this.state.noteError(this.clock.now(), `[UPLINK_PUBLISH_FAILED] ${err.message}`);
        this.lost(err.message);
        return;
      }
      this.pipeline.delivered(record);
      this.state.noteSuccess(this.clock.now());
      this.unacked.delete(n);
      if (this.suspect?.key === suspectKey(record)) this.suspect = null;
      if (this.probing && ++this.probeAcks >= PROBE_ACKS) this.probing = false;
      // Refill once half the window is free: fewer, larger reads from SQLite.
      if (this.inflight <= window / 2 && !this.pumpScheduled) this.schedulePump();
    });
  }

  private idle(): void {
    if (this.idleTimer !== null || !this.running) return;
    this.idleTimer = this.clock.setTimeout(() => {
      this.idleTimer = null;
      if (this.isConnected) this.pump();
    }, IDLE_POLL_MS);
  }

  private scheduleFlush(): void {
    if (this.flushTimer !== null) return;
    this.flushTimer = this.clock.setTimeout(() => {
      this.flushTimer = null;
      this.state.flush(this.clock.now());
    }, FLUSH_EVERY_MS);
  }

  private clearTimers(): void {
    for (const timer of [this.reconnectTimer, this.idleTimer, this.flushTimer]) {
      if (timer !== null) this.clock.clearTimeout(timer);
    }
    this.reconnectTimer = null;
    this.idleTimer = null;
    this.flushTimer = null;
  }
}
