import "../edge/core/core-codes.js";
import { StationError } from "../edge/core/station-error.js";
import type { DriversConfig } from "./config-schema.js";

/**
 * The cross-field checks of the `drivers` section, run when the hub is built from config:
 * one owner per device id and serial line (addressed indicators excepted), a register map for
 * every Modbus indicator.
 */

/** Two drivers cannot share a device id (one topic) or a serial port (one owner per line). */
export function checkUnique(drivers: DriversConfig): void {
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
  // Yaohua tf=1 indicators may share a line, each at its own address.
  const shared = new Map<string, Set<number>>();
  for (const scale of drivers.scales) {
    claim(ids, scale.id, "id");
    if (!isAddressed(scale.protocol)) {
      claim(paths, scale.serial.path, "path");
      continue;
    }
    const addresses = shared.get(scale.serial.path) ?? new Set<number>();
    if (addresses.size === 0) claim(paths, scale.serial.path, "path");
    claim(new Set([...addresses].map(String)), String(scale.address ?? 1), "address");
    addresses.add(scale.address ?? 1);
    shared.set(scale.serial.path, addresses);
  }
  for (const bus of drivers.modbus) {
    claim(paths, bus.serial.path, "path");
    for (const sensor of bus.sensors) claim(ids, sensor.id, "id");
  }
  for (const scanner of drivers.scanners) {
    claim(ids, scanner.id, "id");
    claim(paths, scanner.serial.path, "path");
  }
  for (const reader of drivers.rfidReaders) {
    claim(ids, reader.id, "id");
    claim(paths, reader.serial.path, "path");
  }
}

/** A Modbus indicator is read through its register map: without one there is nothing to read. */
export function checkIndicatorMaps(drivers: DriversConfig): void {
  for (const [i, scale] of drivers.scales.entries()) {
    if (scale.protocol === "modbus-indicator" && !scale.modbus) {
      throw new StationError(
        "CONFIG_INVALID",
        `/drivers/scales/${i}: protocol modbus-indicator 需要 modbus 寄存器表（weight 地址等，见 drivers/README.md）/ needs a modbus register map`,
        { device: scale.id },
      );
    }
  }
}

/** Command-mode indicators answer only at their address, so several may share one line. */
export function isAddressed(protocol: string): boolean {
  return protocol === "yaohua-tf1" || protocol === "keli-command";
}
