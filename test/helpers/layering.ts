import type { SourceImport } from "./import-graph.js";

/**
 * The layers of ARCHITECTURE.md. `edge/core/` is the bottom: clock, logger, the error class,
 * the service interface, shared value types. labels/, drivers/ and broker/ sit on it; the rest
 * of edge/ is on top and may import anything beneath.
 */
export type Layer = "core" | "labels" | "drivers" | "broker" | "edge";

export function layerOf(path: string): Layer | undefined {
  if (path.startsWith("edge/core/")) return "core";
  const top = path.split("/")[0];
  if (top === "labels" || top === "drivers" || top === "broker" || top === "edge") return top;
  return undefined;
}

/** What each layer may import. `typesFromAnywhere`: labels are pure at runtime only. */
const RULES: Record<Layer, { may: readonly Layer[]; typesFromAnywhere: boolean }> = {
  core: { may: ["core"], typesFromAnywhere: false },
  labels: { may: ["labels", "core"], typesFromAnywhere: true },
  drivers: { may: ["drivers", "core"], typesFromAnywhere: false },
  broker: { may: ["broker", "core"], typesFromAnywhere: false },
  edge: { may: ["edge", "core", "labels", "drivers", "broker"], typesFromAnywhere: true },
};

export interface LayeringViolation {
  at: string;
  imports: string;
  rule: string;
}

/** Imports that run upward or sideways against the layers, each with the rule it breaks. */
export function layeringViolations(imports: readonly SourceImport[]): LayeringViolation[] {
  const out: LayeringViolation[] = [];
  for (const imp of imports) {
    const from = layerOf(imp.from);
    const to = layerOf(imp.to);
    if (!from) continue;
    const rule = RULES[from];
    if (to && rule.may.includes(to)) continue;
    if (imp.typeOnly && rule.typesFromAnywhere && to) continue;
    out.push({
      at: `${imp.from}:${imp.line}`,
      imports: imp.to,
      rule: `${from} may import only ${rule.may.join(", ")}${rule.typesFromAnywhere ? " (types: anything)" : ""}`,
    });
  }
  return out;
}
