import "./driver-codes.js";
import "../edge/core/core-codes.js";
import { EventEmitter } from "node:events";
import type { Clock, TimerHandle } from "../edge/core/clock.js";
import type { DeviceKind } from "../edge/core/device-identity.js";
import type { Logger } from "../edge/core/logger.js";
import { StationError } from "../edge/core/station-error.js";
import type { StationService } from "../edge/core/station-service.js";
import type { DriversConfig } from "./config-schema.js";
import { createDemoScale } from "./demo/demo-scale.js";
import { type DeviceHealth, deviceHealth, healthFingerprint } from "./device-health.js";
import { checkIndicatorMaps, checkUnique, isAddressed } from "./driver-config-checks.js";
import type { DriverIntake, DriverOutlets, DriverStatus, LiveWeight, StableWeight } from "./driver-status.js";
import { ModbusBus } from "./modbus/modbus-bus.js";
import { loadModels } from "./modbus/model-loader.js";
import { RfidReaderDriver } from "./rfid/rfid-reader-driver.js";
import { scaleProtocolFor } from "./scale/protocols/index.js";
import { ScaleDriver } from "./scale/scale-driver.js";
import { ScannerDriver } from "./scanner/scanner-driver.js";
import { describeLine, LINE_9600_8N1, serialSettings } from "./serial-defaults.js";
import type { ScaleSimulator } from "./simulators/scale-simulator.js";
import type { ByteTransport, SerialSettings } from "./transport/byte-transport.js";
import type { MemoryTransport } from "./transport/memory-transport.js";
import { openTransport } from "./transport/open-transport.js";
import type { BackoffSettings } from "./transport/reconnect-supervisor.js";
import { SharedLine } from "./transport/shared-line.js";

export interface DriverHubEvents {
  "live-weight": [live: LiveWeight];
  /** Every frame of a serial scale (the packing line's input), with `stale` when it falls silent. */
  frame: [frame: LiveWeight];
  "stable-weight": [stable: StableWeight];
  scan: [scan: { deviceId: string; code: string; at: number; messageId: number }];
  /** A scale or scanner port opened or closed (Modbus sensors: see `status()`). */
  status: [status: DriverStatus];
  /** A device's health changed (online, link, receiving, problem): for the live feed. */
  health: [health: DeviceHealth];
}

/** How often health is re-judged: silence and dead sensors show within this plus their limit. */
const HEALTH_CHECK_MS = 1000;

export interface DriverHubDeps {
  drivers: DriversConfig;
  /** Run the demo scale when no scale is configured. */
  demo: boolean;
  intake: DriverIntake;
  broker: { publishLive(deviceId: string, payload: string): void };
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
  readonly rfidReaders: RfidReaderDriver[] = [];
  private demo: { simulator: ScaleSimulator; device: MemoryTransport } | undefined;
  private readonly internal: Array<{ id: string; kind: DeviceKind; site: string | null }> = [];
  private readonly fingerprints = new Map<string, string>();
  private readonly onlineState = new Map<string, boolean>();
  private healthTimer: TimerHandle | undefined;
  private running = false;

  constructor(private readonly deps: DriverHubDeps) {
    super();
    const { drivers, clock, log } = deps;
    const open = deps.openTransport ?? ((settings: SerialSettings) => openTransport(settings, clock));
    const backoff: BackoffSettings = {
      initialMs: Math.min(250, drivers.reconnectMaxMs),
      maxMs: drivers.reconnectMaxMs,
    };
    const outlets = this.outlets();

    checkIndicatorMaps(drivers);
    // Addressed indicators (Yaohua tf=1) on one RS-485 line share its port, one tap each.
    const lines = new Map<string, SharedLine>();
    for (const scale of drivers.scales) {
      const settings = serialSettings(scale.serial, scaleProtocolFor(scale).serial);
      let transport: ByteTransport;
      if (isAddressed(scale.protocol)) {
        let line = lines.get(settings.path);
        if (!line) {
          line = new SharedLine(open(settings), clock);
          lines.set(settings.path, line);
        }
        transport = line.tap();
      } else {
        transport = open(settings);
      }
      const driverLog = log.child({ component: "scale", device: scale.id });
      this.addScale(
        new ScaleDriver(scale, {
          transport,
          outlets,
          clock,
          log: driverLog,
          backoff,
          line: describeLine(settings),
        }),
        scale.site,
      );
    }
    checkUnique(drivers);
    // The demo stands in for missing hardware only: a station with any serial device
    // configured must never mix simulated weights into its records.
    const anyHardware =
      drivers.scales.length + drivers.modbus.length + drivers.scanners.length + drivers.rfidReaders.length >
      0;
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
      const settings = serialSettings(bus.serial, LINE_9600_8N1);
      const transport = open(settings);
      const busLog = log.child({ component: "modbus", bus: bus.id });
      const line = describeLine(settings);
      this.buses.push(new ModbusBus(bus, models, { transport, outlets, clock, log: busLog, backoff, line }));
    }

    for (const scanner of drivers.scanners) {
      const settings = serialSettings(scanner.serial, LINE_9600_8N1);
      const transport = open(settings);
      const driverLog = log.child({ component: "scanner", device: scanner.id });
      const line = describeLine(settings);
      const driver = new ScannerDriver(scanner, { transport, outlets, clock, log: driverLog, backoff, line });
      driver.on("scan", (scan) => this.emit("scan", scan));
      driver.on("status", (status) => this.emit("status", status));
      this.scanners.push(driver);
      this.internal.push({ id: scanner.id, kind: "scanner", site: scanner.site ?? null });
    }

    // Animal tag readers publish scans as a scanner does: one intake, one kiosk event.
    for (const reader of drivers.rfidReaders) {
      const settings = serialSettings(reader.serial, LINE_9600_8N1);
      const transport = open(settings);
      const driverLog = log.child({ component: "rfid-reader", device: reader.id });
      const line = describeLine(settings);
      const driver = new RfidReaderDriver(reader, {
        transport,
        outlets,
        clock,
        log: driverLog,
        backoff,
        line,
      });
      driver.on("scan", (scan) => this.emit("scan", scan));
      driver.on("status", (status) => this.emit("status", status));
      this.rfidReaders.push(driver);
      this.internal.push({ id: reader.id, kind: "scanner", site: reader.site ?? null });
    }
  }

  async start(): Promise<void> {
    for (const device of this.internal) this.deps.devices.ensureInternal(device.id, device.kind, device.site);
    for (const scale of this.scales) scale.start();
    for (const bus of this.buses) bus.start();
    for (const scanner of this.scanners) scanner.start();
    for (const reader of this.rfidReaders) reader.start();
    if (this.demo) {
      await this.demo.device.open();
      this.demo.simulator.start();
    }
    this.running = true;
    this.watchHealth();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.healthTimer !== undefined) this.deps.clock.clearTimeout(this.healthTimer);
    this.healthTimer = undefined;
    this.demo?.simulator.stop();
    await Promise.all([
      ...this.scales.map((d) => d.stop()),
      ...this.buses.map((b) => b.stop()),
      ...this.scanners.map((s) => s.stop()),
      ...this.rfidReaders.map((r) => r.stop()),
    ]);
    await this.demo?.device.close();
  }

  status(): DriverStatus[] {
    return [
      ...this.scales.map((d) => d.status()),
      ...this.buses.flatMap((b) => b.status()),
      ...this.scanners.map((s) => s.status()),
      ...this.rfidReaders.map((r) => r.status()),
    ];
  }

  /** Every driven device's health record (DeviceHealth), in configuration order. */
  health(): DeviceHealth[] {
    return this.status().map(deviceHealth);
  }

  /** Re-judge health each second; tell listeners about devices whose state changed. */
  private watchHealth(): void {
    if (!this.running) return;
    for (const health of this.health()) {
      const print = healthFingerprint(health);
      const before = this.fingerprints.get(health.id);
      if (before === print) continue;
      this.fingerprints.set(health.id, print);
      // The devices table's online column (CLI `device list`, /api/scales) follows the driver,
      // as an MQTT device's follows its connection.
      if (this.onlineState.get(health.id) !== health.online) {
        this.onlineState.set(health.id, health.online);
        this.deps.intake.presence?.(health.id, health.online);
      }
      this.emit("health", health);
    }
    this.healthTimer = this.deps.clock.setTimeout(() => this.watchHealth(), HEALTH_CHECK_MS);
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
      publishLive: (deviceId, payload) => this.deps.broker.publishLive(deviceId, payload),
    };
  }
}
