import "../driver-codes.js";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Value } from "@sinclair/typebox/value";
import { metricDefinition } from "../../edge/core/metric-registry.js";
import { StationError } from "../../edge/core/station-error.js";
import { ModelSchema, readSpan, type SensorModel } from "./model-schema.js";

/**
 * Where the shipped register maps are: beside this file when run from source, and
 * `drivers/modbus/models` at the package root when run from `dist/` (package.json "files").
 */
export function shippedModelsDir(): string {
  const candidates = [
    fileURLToPath(new URL("./models/", import.meta.url)),
    fileURLToPath(new URL("../../../drivers/modbus/models/", import.meta.url)),
  ];
  return candidates.find((dir) => existsSync(dir)) ?? (candidates[0] as string);
}

/** Parse and validate one register map; every problem is reported with the file name. */
export function parseModel(text: string, source: string): SensorModel {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new StationError(
      "DRIVER_MODEL_INVALID",
      `${source}: JSON 解析失败 / not JSON: ${(err as Error).message}`,
      {
        source,
      },
    );
  }
  const withDefaults = Value.Default(ModelSchema, raw);
  const problems = [...Value.Errors(ModelSchema, withDefaults)].map((e) => `${e.path || "/"}: ${e.message}`);
  if (problems.length > 0) {
    throw new StationError("DRIVER_MODEL_INVALID", `${source}: ${problems.join("; ")}`, { source, problems });
  }
  const model = withDefaults as SensorModel;
  for (const register of model.registers) {
    if (!metricDefinition(register.metric)) {
      throw new StationError(
        "DRIVER_MODEL_INVALID",
        `${source}: 未知指标 / unknown metric "${register.metric}"`,
        {
          source,
        },
      );
    }
  }
  // Modbus allows at most 125 registers in one read (Modbus Application Protocol v1.1b3 §6.3).
  if (readSpan(model).count > 125) {
    throw new StationError(
      "DRIVER_MODEL_INVALID",
      `${source}: 寄存器跨度超过 125 / span over 125 registers`,
      {
        source,
      },
    );
  }
  return model;
}

/** Every model in the shipped directory, then `extraDir` (whose files win by name). */
export function loadModels(extraDir?: string): Map<string, SensorModel> {
  const models = new Map<string, SensorModel>();
  for (const dir of [shippedModelsDir(), ...(extraDir ? [extraDir] : [])]) {
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
      const path = join(dir, file);
      const model = parseModel(readFileSync(path, "utf8"), path);
      models.set(file.slice(0, -".json".length), model);
    }
  }
  return models;
}
