import { EventEmitter } from "node:events";
import type { DeviceKind } from "../broker/device-registry.js";
import type { Clock } from "../edge/clock.js";
import { StationError } from "../edge/errors/station-error.js";
import type { Intake } from "../edge/intake/intake.js";
import type { Logger } from "../edge/log/logger.js";
import type { StationService } from "../edge/station-service.js";
import type { DriversConfig } from "./config-schema.js";
import { createDemoScale } from "./demo/demo-scale.js";
import type { DriverOutlets, DriverStatus, LiveWeight, StableWeight } from "./driver-status.js";
import { ModbusBus } from "./modbus/modbus-bus.js";
import { loadModels } from "./modbus/model-loader.js";
import { SCALE_PROTOCOLS } from "./scale/protocols/index.js";
import { ScaleDriver } from "./scale/scale-driver.js";
import { ScannerDriver } from "./scanner/scanner-driver.js";
import { LINE_9600_8N1, serialSettings } from "./serial-defaults.js";
import type { ScaleSimulator } from "./simulators/scale-simulator.js";
import type { ByteTransport, SerialSettings } from "./transport/byte-transport.js";
import type { MemoryTransport } from "./transport/memory-transport.js";
import type { BackoffSettings } from "./transport/reconnect-supervisor.js";
import { SerialTransport } from "./transport/serial-transport.js";

export interface DriverHubEvents {
  "live-weight": [live: LiveWeight];
  /** Every frame of a serial scale (the packing line's input), with `stale` when it falls silent. */
  frame: [frame: LiveWeight];
  "stable-weight": [stable: StableWeight];
  scan: [scan: { deviceId: string; code: string; at: number; messageId: number }];
  /** A scale or scanner port opened or closed (Modbus sensors: see `status()`). */
  status: [status: DriverStatus];
}

export interface DriverHubDeps {
  drivers: DriversConfig;
  /** Run the demo scale when no scale is configured. */
  demo: boolean;
  intake: Pick<Intake, "submit">;
  broker: { publish(topic: string, payload: string, retain: boolean): void };
  devices: { ensureInternal(id: string, kind: DeviceKind, site: string | null): void };
  clock: Clock;
  log: Logger;
  /** The hardware seam; tests may pass in-memory transports. */
  openTransport?: (settings: SerialSettings) => ByteTransport;
}

/**
 * Every serial device the station drives (scales, Modbus buses, scanners), built from the
 * `drivers` config and run as one station service. Readonly on `Station` as `drivers`: the
 * kiosk listens to `live-weight` / `stable-weight`, health reads `status()`.
 */
export class DriverHub extends EventEmitter<DriverHubEvents> implements StationService {
  readonly name = "drivers";
  readonly scales: ScaleDriver[] = [];
  readonly buses: ModbusBus[] = [];
  readonly scanners: ScannerDriver[] = [];
  private demo: { simulator: ScaleSimulator; device: MemoryTransport } | undefined;
  private readonly internal: Array<{ id: string; kind: DeviceKind; site: string | null }> = [];

  constructor(private readonly deps: DriverHubDeps) {
    super();
    const { drivers, clock, log } = deps;
    const open = deps.openTransport ?? ((settings: SerialSettings) => new SerialTransport(settings));
    const backoff: BackoffSettings = {
      initialMs: Math.min(250, drivers.reconnectMaxMs),
      maxMs: drivers.reconnectMaxMs,
    };
    const outlets = this.outlets();

    for (const scale of drivers.scales) {
      const transport = open(serialSettings(scale.serial, SCALE_PROTOCOLS[scale.protocol].serial));
      const driverLog = log.child({ component: "scale", device: scale.id });
      this.addScale(
        new ScaleDriver(scale, { transport, outlets, clock, log: driverLog, backoff }),
        scale.site,
      );
    }
    checkUnique(drivers);
    // The demo stands in for missing hardware only: a station with any serial device
    // configured must never mix simulated weights into its records.
    const anyHardware = drivers.scales.length + drivers.modbus.length + drivers.scanners.length > 0;
    if (deps.demo && !anyHardware) {
      const demo = createDemoScale(clock);
      const driverLog = log.child({ component: "scale", device: demo.config.id, demo: true });
      this.addScale(
        new ScaleDriver(demo.config, { transport: demo.transport, outlets, clock, log: driverLog, backoff }),
        undefined,
      );
      this.demo = { simulator: demo.simulator, device: demo.device };
    }

    const models = drivers.modbus.length > 0 ? loadModels(drivers.modelsDir) : new Map();
    for (const bus of drivers.modbus) {
      for (const sensor of bus.sensors) {
        if (!models.has(sensor.model)) {
          throw new StationError(
            "DRIVER_MODEL_UNKNOWN",
            `传感器 ${sensor.id} 的型号 "${sensor.model}" 不存在 / unknown model; 可用 / known: ${[...models.keys()].join(", ")}`,
            { device: sensor.id, model: sensor.model },
          );
        }
        this.internal.push({ id: sensor.id, kind: "sensor", site: sensor.site ?? null });
      }
      const transport = open(serialSettings(bus.serial, LINE_9600_8N1));
      const busLog = log.child({ component: "modbus", bus: bus.id });
      this.buses.push(new ModbusBus(bus, models, { transport, outlets, clock, log: busLog, backoff }));
    }

    for (const scanner of drivers.scanners) {
      const transport = open(serialSettings(scanner.serial, LINE_9600_8N1));
      const driverLog = log.child({ component: "scanner", device: scanner.id });
      const driver = new ScannerDriver(scanner, { transport, outlets, clock, log: driverLog, backoff });
      driver.on("scan", (scan) => this.emit("scan", scan));
      driver.on("status", (status) => this.emit("status", status));
      this.scanners.push(driver);
      this.internal.push({ id: scanner.id, kind: "scanner", site: scanner.site ?? null });
    }
  }

  async start(): Promise<void> {
    for (const device of this.internal) this.deps.devices.ensureInternal(device.id, device.kind, device.site);
    for (const scale of this.scales) scale.start();
    for (const bus of this.buses) bus.start();
    for (const scanner of this.scanners) scanner.start();
    if (this.demo) {
      await this.demo.device.open();
      this.demo.simulator.start();
    }
  }

  async stop(): Promise<void> {
    this.demo?.simulator.stop();
    await Promise.all([
      ...this.scales.map((d) => d.stop()),
      ...this.buses.map((b) => b.stop()),
      ...this.scanners.map((s) => s.stop()),
    ]);
    await this.demo?.device.close();
  }

  status(): DriverStatus[] {
    return [
      ...this.scales.map((d) => d.status()),
      ...this.buses.flatMap((b) => b.status()),
      ...this.scanners.map((s) => s.status()),
    ];
  }

  private addScale(driver: ScaleDriver, site: string | undefined): void {
    driver.on("live-weight", (live) => this.emit("live-weight", live));
    driver.on("frame", (frame) => this.emit("frame", frame));
    driver.on("stable-weight", (stable) => this.emit("stable-weight", stable));
    driver.on("status", (status) => this.emit("status", status));
    this.scales.push(driver);
    this.internal.push({ id: driver.config.id, kind: "scale", site: site ?? null });
  }

  /** In-process publishing goes through the intake, like any device (DESIGN.md "One bus"). */
  private outlets(): DriverOutlets {
    return {
      submit: async (deviceId, kind, body) => {
        const outcome = await this.deps.intake.submit(deviceId, kind, body);
        return outcome.status === "stored" ? outcome.id : null;
      },
      publishLive: (deviceId, payload) =>
        this.deps.broker.publish(`trace/v1/dev/${deviceId}/live`, payload, false),
    };
  }
}

/** Two drivers cannot share a device id (one topic) or a serial port (one owner per line). */
function checkUnique(drivers: DriversConfig): void {
  const ids = new Set<string>();
  const paths = new Set<string>();
  const claim = (set: Set<string>, value: string, what: string) => {
    if (set.has(value)) {
      throw new StationError(
        "CONFIG_INVALID",
        `drivers: ${what} "${value}" 重复 / is used twice; 每个设备编号和串口只能出现一次 / each device id and serial path once`,
        { [what]: value },
      );
    }
    set.add(value);
  };
  for (const scale of drivers.scales) {
    claim(ids, scale.id, "id");
    claim(paths, scale.serial.path, "path");
  }
  for (const bus of drivers.modbus) {
    claim(paths, bus.serial.path, "path");
    for (const sensor of bus.sensors) claim(ids, sensor.id, "id");
  }
  for (const scanner of drivers.scanners) {
    claim(ids, scanner.id, "id");
    claim(paths, scanner.serial.path, "path");
  }
}
