import "../driver-codes.js";
import { createRequire } from "node:module";
import type ModbusSerial from "modbus-serial";
import type { TimerHandle } from "../../edge/core/clock.js";
import type { ErrorCode } from "../../edge/core/error-codes.js";
import type { ModbusBusConfig } from "../config-schema.js";
import { diagnose } from "../diagnose.js";
import type { DriverStatus } from "../driver-status.js";
import type { LinkDriverDeps } from "../link-status.js";
import { ReconnectSupervisor } from "../transport/reconnect-supervisor.js";
import { readSpan, type SensorModel } from "./model-schema.js";
import { decodeRegisters } from "./register-decode.js";
import { RtuPortAdapter } from "./rtu-port-adapter.js";
import { DEAD_AFTER, SensorPollState } from "./sensor-poll-state.js";

// modbus-serial is CommonJS; its class is both `module.exports` and `.default` at run time.
type ModbusClient = InstanceType<typeof ModbusSerial.default>;

/**
 * modbus-serial is required when the first bus is built, not when the station loads: its index
 * requires `serialport`, whose native bindings cost ~10 MiB of RSS on a station with no RS-485
 * bus (issue 16). A synchronous require keeps the bus's constructor as it was.
 */
function loadModbusRtu(): typeof ModbusSerial.default {
  return (createRequire(import.meta.url)("modbus-serial") as typeof ModbusSerial).default;
}

/**
 * Shortest answer window a probe of a failing sensor is given when it has to fit between live
 * sensors' polls: a live RTU sensor answers a short read in tens of ms at 9600 baud.
 */
const MIN_PROBE_MS = 250;

class RequestTimeout extends Error {}

/**
 * One RS-485 bus: one queue, one request at a time (Modbus over Serial Line v1.02 §2.1: a
 * single master, half duplex), a gap between frames, a timeout per request on the injected
 * clock. Each sensor is polled on its own schedule. Sensors that answer go first; one that
 * does not is backed off (capped) and only asked in the slack between the others' polls, so
 * dead sensors cannot take the bus from live ones, and a revived one comes back by itself.
 */
export class ModbusBus {
  private readonly supervisor: ReconnectSupervisor;
  private readonly adapter: RtuPortAdapter;
  private readonly client: ModbusClient;
  private readonly sensors: SensorPollState[];
  private timer: TimerHandle | undefined;
  private busy = false;
  private running = false;

  constructor(
    readonly config: ModbusBusConfig,
    models: ReadonlyMap<string, SensorModel>,
    private readonly deps: LinkDriverDeps,
  ) {
    this.supervisor = new ReconnectSupervisor(deps.transport, deps.clock, deps.backoff, deps.log);
    this.adapter = new RtuPortAdapter(deps.transport, config.echo, () => deps.clock.now());
    this.client = new (loadModbusRtu())(this.adapter);
    // Registers modbus-serial's listeners on the adapter; the supervisor opens the real port.
    this.client.open();
    const now = deps.clock.now();
    this.sensors = config.sensors.map((sensor) => {
      const model = models.get(sensor.model);
      if (!model) throw new Error(`unknown model ${sensor.model}`);
      return new SensorPollState(sensor, model, sensor.timeoutMs ?? config.timeoutMs, config.retryMaxMs, now);
    });
    this.supervisor.on("connected", () => this.pump());
  }

  start(): void {
    this.running = true;
    this.supervisor.start();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== undefined) this.deps.clock.clearTimeout(this.timer);
    this.timer = undefined;
    await this.supervisor.stop();
  }

  status(): DriverStatus[] {
    return this.sensors.map((s) => {
      const lastError = this.supervisor.connected ? s.lastError : this.supervisor.lastError;
      const status: DriverStatus = {
        id: s.config.id,
        kind: "modbus-sensor",
        port: this.deps.transport.name,
        bus: this.config.id,
        connected: this.supervisor.connected && !s.dead,
        linkUp: this.supervisor.connected,
        linkSince: this.supervisor.since,
        lastFrameAt: s.lastFrameAt,
        lastByteAt: this.adapter.lastByteAt,
        silentSince: this.supervisor.connected && s.dead ? (s.lastFrameAt ?? this.supervisor.since) : null,
        ...(this.deps.line ? { line: this.deps.line } : {}),
        framesOk: s.framesOk,
        checksumErrors: s.checksumErrors,
        garbageBytes: this.adapter.garbageBytes,
        reconnects: this.supervisor.reconnects,
        timeouts: s.timeouts,
        dead: s.dead,
        answerRate: s.answerRate,
        lastTimeoutAt: s.lastTimeoutAt,
        retryMs: s.retryMs,
        ...(lastError ? { lastError } : {}),
      };
      const code = this.supervisor.connected && s.failing ? s.lastCode : diagnose(status);
      return code ? { ...status, code } : status;
    });
  }

  private wake(ms: number): void {
    if (this.timer !== undefined) this.deps.clock.clearTimeout(this.timer);
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, ms);
  }

  private pump(): void {
    if (!this.running || this.busy || !this.supervisor.connected) return;
    const now = this.deps.clock.now();
    const pick = this.next(now);
    if (pick.wait !== undefined) {
      this.wake(pick.wait);
      return;
    }
    const { sensor, timeoutMs } = pick;
    this.busy = true;
    void this.poll(sensor, timeoutMs).finally(() => {
      this.busy = false;
      sensor.reschedule(this.deps.clock.now());
      this.wake(this.config.gapMs);
    });
  }

  /** Sensors that answer first; a failing one only when its probe fits before the next live poll. */
  private next(now: number): { sensor: SensorPollState; timeoutMs: number; wait?: never } | { wait: number } {
    const earliest = (list: SensorPollState[]) =>
      list.reduce<SensorPollState | undefined>(
        (a, s) => (a === undefined || s.nextDueAt < a.nextDueAt ? s : a),
        undefined,
      );
    const healthy = this.sensors.filter((s) => !s.failing);
    const failing = this.sensors.filter((s) => s.failing);
    const live = earliest(healthy);
    if (live && live.nextDueAt <= now) return { sensor: live, timeoutMs: live.timeoutMs };
    const probe = earliest(failing);
    if (probe && probe.nextDueAt <= now) {
      const slack = live ? live.nextDueAt - now - this.config.gapMs : Number.POSITIVE_INFINITY;
      const timeoutMs = Math.min(probe.timeoutMs, slack);
      // Starved for a whole retry interval: ask anyway, a live poll waits one timeout at most.
      const starved = now - probe.nextDueAt >= probe.retryMs;
      if (starved) return { sensor: probe, timeoutMs: probe.timeoutMs };
      if (timeoutMs >= Math.min(probe.timeoutMs, MIN_PROBE_MS)) return { sensor: probe, timeoutMs };
    }
    const dues = this.sensors.map((s) => s.nextDueAt).filter((t) => t > now);
    const at = dues.length > 0 ? Math.min(...dues) : now + this.config.gapMs;
    return { wait: Math.max(1, at - now) };
  }

  private async poll(sensor: SensorPollState, timeoutMs: number): Promise<void> {
    const { start, count } = readSpan(sensor.model);
    this.client.setID(sensor.config.address);
    const echoesBefore = this.adapter.unexpectedEchoes;
    const read =
      sensor.model.function === 3
        ? this.client.readHoldingRegisters(start, count)
        : this.client.readInputRegisters(start, count);
    let handle: TimerHandle | undefined;
    const timeout = new Promise<never>((_, reject) => {
      handle = this.deps.clock.setTimeout(() => reject(new RequestTimeout()), timeoutMs);
    });
    try {
      const reply = await Promise.race([read, timeout]);
      const at = this.deps.clock.now();
      if (sensor.dead) {
        this.deps.log.info({ device: sensor.config.id, bus: this.config.id }, "modbus sensor answers again");
      }
      sensor.answered(at);
      const values = decodeRegisters(sensor.model, reply.data);
      const id = await this.deps.outlets.submit(sensor.config.id, "reading", { ts: at, values });
      if (id === null) sensor.lastError = "reading refused by the intake: trace-station rejects shows why";
    } catch (err) {
      const echoed = this.adapter.unexpectedEchoes > echoesBefore;
      this.fail(sensor, err as Error & { modbusCode?: number }, timeoutMs, echoed);
    } finally {
      if (handle !== undefined) this.deps.clock.clearTimeout(handle);
    }
  }

  private fail(
    sensor: SensorPollState,
    err: Error & { modbusCode?: number },
    timeoutMs: number,
    echoed: boolean,
  ): void {
    const at = this.deps.clock.now();
    let code: ErrorCode | undefined;
    let message: string;
    if (echoed) {
      code = "DRIVER_MODBUS_ECHO";
      message = `收到的是请求本身的回显 / the request came back as an echo; set echo: true on bus ${this.config.id}`;
    } else if (err instanceof RequestTimeout) {
      code = "DRIVER_MODBUS_TIMEOUT";
      message = `no answer from address ${sensor.config.address} in ${timeoutMs} ms`;
    } else if (err.modbusCode !== undefined) {
      code = "DRIVER_MODBUS_EXCEPTION";
      message = err.message;
    } else if (/CRC/.test(err.message)) {
      code = "DRIVER_CHECKSUM_ERRORS";
      message = "CRC error";
    } else {
      message = err.message;
    }
    sensor.failed(code, message, at);
    if (sensor.failuresInRow === DEAD_AFTER) {
      this.deps.log.warn(
        { device: sensor.config.id, bus: this.config.id, address: sensor.config.address, code, err: message },
        "modbus sensor not answering",
      );
    }
  }
}
