import "../driver-codes.js";
import ModbusSerial from "modbus-serial";
import type { TimerHandle } from "../../edge/core/clock.js";
import type { ErrorCode } from "../../edge/core/error-codes.js";
import type { ModbusBusConfig, ModbusSensorConfig } from "../config-schema.js";
import { diagnose } from "../diagnose.js";
import type { DriverStatus } from "../driver-status.js";
import type { LinkDriverDeps } from "../link-status.js";
import { ReconnectSupervisor } from "../transport/reconnect-supervisor.js";
import { readSpan, type SensorModel } from "./model-schema.js";
import { decodeRegisters } from "./register-decode.js";
import { RtuPortAdapter } from "./rtu-port-adapter.js";

// modbus-serial is CommonJS; its class is both `module.exports` and `.default` at run time.
const ModbusRTU = ModbusSerial.default;
type ModbusClient = InstanceType<typeof ModbusRTU>;

/** Failed polls in a row before a sensor is reported dead. */
const DEAD_AFTER = 3;

interface SensorState {
  config: ModbusSensorConfig;
  model: SensorModel;
  nextDueAt: number;
  framesOk: number;
  checksumErrors: number;
  timeouts: number;
  failuresInRow: number;
  lastFrameAt: number | null;
  lastError: string | undefined;
  lastCode: ErrorCode | undefined;
}

class RequestTimeout extends Error {}

/**
 * One RS-485 bus: one queue, one request at a time (Modbus over Serial Line v1.02 §2.1: a
 * single master, half duplex), a gap between frames, a timeout per request on the injected
 * clock. Each sensor is polled on its own schedule, so a silent one costs one timeout per
 * poll and never holds up the others.
 */
export class ModbusBus {
  private readonly supervisor: ReconnectSupervisor;
  private readonly adapter: RtuPortAdapter;
  private readonly client: ModbusClient;
  private readonly sensors: SensorState[];
  private timer: TimerHandle | undefined;
  private busy = false;
  private running = false;

  constructor(
    readonly config: ModbusBusConfig,
    models: ReadonlyMap<string, SensorModel>,
    private readonly deps: LinkDriverDeps,
  ) {
    this.supervisor = new ReconnectSupervisor(deps.transport, deps.clock, deps.backoff, deps.log);
    this.adapter = new RtuPortAdapter(deps.transport);
    this.client = new ModbusRTU(this.adapter);
    // Registers modbus-serial's listeners on the adapter; the supervisor opens the real port.
    this.client.open();
    const now = deps.clock.now();
    this.sensors = config.sensors.map((sensor) => {
      const model = models.get(sensor.model);
      if (!model) throw new Error(`unknown model ${sensor.model}`);
      return {
        config: sensor,
        model,
        nextDueAt: now,
        framesOk: 0,
        checksumErrors: 0,
        timeouts: 0,
        failuresInRow: 0,
        lastFrameAt: null,
        lastError: undefined,
        lastCode: undefined,
      };
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
        connected: this.supervisor.connected && s.failuresInRow < DEAD_AFTER,
        lastFrameAt: s.lastFrameAt,
        framesOk: s.framesOk,
        checksumErrors: s.checksumErrors,
        garbageBytes: this.adapter.garbageBytes,
        reconnects: this.supervisor.reconnects,
        timeouts: s.timeouts,
        dead: s.failuresInRow >= DEAD_AFTER,
        ...(lastError ? { lastError } : {}),
      };
      const code = this.supervisor.connected && s.failuresInRow > 0 ? s.lastCode : diagnose(status);
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
    const next = this.sensors.reduce<SensorState | undefined>(
      (best, s) => (best === undefined || s.nextDueAt < best.nextDueAt ? s : best),
      undefined,
    );
    if (!next) return;
    if (next.nextDueAt > now) {
      this.wake(next.nextDueAt - now);
      return;
    }
    this.busy = true;
    void this.poll(next).finally(() => {
      this.busy = false;
      // Keep the schedule (no drift), but never try to catch up a backlog of missed polls.
      const after = this.deps.clock.now();
      next.nextDueAt = Math.max(next.nextDueAt + next.config.pollIntervalMs, after);
      this.wake(this.config.gapMs);
    });
  }

  private async poll(sensor: SensorState): Promise<void> {
    const { start, count } = readSpan(sensor.model);
    this.client.setID(sensor.config.address);
    const read =
      sensor.model.function === 3
        ? this.client.readHoldingRegisters(start, count)
        : this.client.readInputRegisters(start, count);
    let handle: TimerHandle | undefined;
    const timeout = new Promise<never>((_, reject) => {
      handle = this.deps.clock.setTimeout(() => reject(new RequestTimeout()), this.config.timeoutMs);
    });
    try {
      const reply = await Promise.race([read, timeout]);
      const at = this.deps.clock.now();
      sensor.framesOk++;
      sensor.lastFrameAt = at;
      if (sensor.failuresInRow >= DEAD_AFTER) {
        this.deps.log.info({ device: sensor.config.id, bus: this.config.id }, "modbus sensor answers again");
      }
      sensor.failuresInRow = 0;
      sensor.lastError = undefined;
      sensor.lastCode = undefined;
      const values = decodeRegisters(sensor.model, reply.data);
      const id = await this.deps.outlets.submit(sensor.config.id, "reading", { ts: at, values });
      if (id === null) sensor.lastError = "reading refused by the intake: trace-station rejects shows why";
    } catch (err) {
      this.fail(sensor, err as Error & { modbusCode?: number });
    } finally {
      if (handle !== undefined) this.deps.clock.clearTimeout(handle);
    }
  }

  private fail(sensor: SensorState, err: Error & { modbusCode?: number }): void {
    sensor.failuresInRow++;
    if (err instanceof RequestTimeout) {
      sensor.timeouts++;
      sensor.lastCode = "DRIVER_MODBUS_TIMEOUT";
      sensor.lastError = `no answer from address ${sensor.config.address} in ${this.config.timeoutMs} ms`;
    } else if (err.modbusCode !== undefined) {
      sensor.lastCode = "DRIVER_MODBUS_EXCEPTION";
      sensor.lastError = err.message;
    } else if (/CRC/.test(err.message)) {
      sensor.checksumErrors++;
      sensor.lastCode = "DRIVER_CHECKSUM_ERRORS";
      sensor.lastError = "CRC error";
    } else {
      sensor.lastCode = undefined;
      sensor.lastError = err.message;
    }
    if (sensor.failuresInRow === DEAD_AFTER) {
      this.deps.log.warn(
        {
          device: sensor.config.id,
          bus: this.config.id,
          address: sensor.config.address,
          code: sensor.lastCode,
          err: sensor.lastError,
        },
        "modbus sensor not answering",
      );
    }
  }
}
