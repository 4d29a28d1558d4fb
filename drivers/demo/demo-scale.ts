import { Value } from "@sinclair/typebox/value";
import type { Clock } from "../../edge/core/clock.js";
import { type ScaleConfig, ScaleSection } from "../config-schema.js";
import { SCALE_PROTOCOLS } from "../scale/protocols/index.js";
import { DEFAULT_SIMULATOR, ScaleSimulator } from "../simulators/scale-simulator.js";
import type { ByteTransport } from "../transport/byte-transport.js";
import { createMemoryPair, type MemoryTransport } from "../transport/memory-transport.js";

export const DEMO_SCALE_ID = "demo-scale";

/**
 * The scale a newcomer sees on `npm start` with no hardware: a simulated Yaohua XK3190-A9
 * (tf=0, no stability flag, so inference is exercised too) whose frames cross an in-memory
 * cable into the real decoder and driver.
 */
export function createDemoScale(clock: Clock): {
  config: ScaleConfig;
  transport: ByteTransport;
  device: MemoryTransport;
  simulator: ScaleSimulator;
} {
  const [host, device] = createMemoryPair("demo-scale");
  const config = Value.Default(ScaleSection, {
    id: DEMO_SCALE_ID,
    protocol: "yaohua-tf0",
    serial: { path: "memory:demo-scale" },
  }) as ScaleConfig;
  const simulator = new ScaleSimulator(device, clock, {
    ...DEFAULT_SIMULATOR,
    protocol: SCALE_PROTOCOLS["yaohua-tf0"],
    noiseKg: 0.03,
  });
  return { config, transport: host, device, simulator };
}
