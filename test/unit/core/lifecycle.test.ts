import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createStation } from "../../../edge/app.js";
import { validateConfig } from "../../../edge/config/load.js";
import { Lifecycle, lifecycleStep } from "../../../edge/core/lifecycle.js";
import { createLogger, silentLogger } from "../../../edge/core/logger.js";
import type { StationService } from "../../../edge/core/station-service.js";
import { removeDir, tempDir } from "../../helpers/station.js";

function recorded(steps: string[], name: string, fails?: "start" | "stop"): StationService {
  return lifecycleStep(name, {
    start: () => {
      steps.push(`start ${name}`);
      if (fails === "start") throw new Error(`${name} cannot start`);
    },
    stop: () => {
      steps.push(`stop ${name}`);
      if (fails === "stop") throw new Error(`${name} cannot stop`);
    },
  });
}

describe("one component lifecycle", () => {
  it("starts the components in their order and stops them in reverse, once", async () => {
    const steps: string[] = [];
    const lifecycle = new Lifecycle(
      ["a", "b", "c"].map((n) => recorded(steps, n)),
      silentLogger(),
    );
    expect(lifecycle.order).toEqual(["a", "b", "c"]);
    await lifecycle.start();
    await Promise.all([lifecycle.stop(), lifecycle.stop()]);
    expect(steps).toEqual(["start a", "start b", "start c", "stop c", "stop b", "stop a"]);
  });

  it("a start that fails stops the half-started component and those before it, and the error goes on", async () => {
    const steps: string[] = [];
    const lifecycle = new Lifecycle(
      [recorded(steps, "a"), recorded(steps, "b", "start"), recorded(steps, "c")],
      silentLogger(),
    );
    await expect(lifecycle.start()).rejects.toThrow("b cannot start");
    expect(steps).toEqual(["start a", "start b", "stop b", "stop a"]);
  });

  it("a stop during the start starts nothing more and stops what had started", async () => {
    const steps: string[] = [];
    let lifecycle: Lifecycle | undefined;
    const stopping = lifecycleStep("b", {
      start: () => {
        steps.push("start b");
        void lifecycle?.stop();
      },
      stop: () => steps.push("stop b"),
    });
    lifecycle = new Lifecycle([recorded(steps, "a"), stopping, recorded(steps, "c")], silentLogger());
    await lifecycle.start();
    await lifecycle.stop();
    expect(steps).toEqual(["start a", "start b", "stop b", "stop a"]);
  });

  it("a component that does not stop cleanly is logged and the rest still stop", async () => {
    const steps: string[] = [];
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = createLogger({ level: "error", destination });
    const lifecycle = new Lifecycle([recorded(steps, "a"), recorded(steps, "b", "stop")], log);
    await lifecycle.start();
    await lifecycle.stop();
    expect(steps).toEqual(["start a", "start b", "stop b", "stop a"]);
    expect(lines.join("")).toContain('"service":"b"');
  });

  it("the station's composition keeps the delivery promise's stop order and starts HTTP last", async () => {
    const dataDir = tempDir("composition");
    try {
      const loaded = validateConfig({ dataDir, demo: { enabled: false } }, "<test>");
      const station = createStation(loaded, { logger: silentLogger() });
      const order = station.components;
      await station.stop(); // built, never started: releases the writer threads and the database
      expect(new Set(order).size).toBe(order.length);
      // Stopped in reverse: stop listening, commit what is pending, persist the projection
      // cursors, drop the clients, close the writer, close the database (app.ts).
      const stopOrder = ["broker-listener", "committer", "projector", "broker", "writer", "database"];
      const stops = [...order].reverse().filter((name) => stopOrder.includes(name));
      expect(stops).toEqual(stopOrder);
      expect(order.indexOf("ops")).toBeLessThan(order.indexOf("broker-listener"));
      expect(order.indexOf("alarms")).toBeLessThan(order.indexOf("broker-listener"));
      expect(order.indexOf("event-links")).toBeLessThan(order.indexOf("writer"));
      expect(order.at(-1)).toBe("http");
    } finally {
      removeDir(dataDir);
    }
  });
});

/** Product sources: edge/ (without the kiosk's browser code), broker/, drivers/. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "kiosk" ? [] : sources(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

/** Not components: a test double, a library's port contract, a state record one bus owns. */
const NOT_COMPONENTS = new Set([
  // The in-memory transport of tests and simulators: a test unplugs it by setting `absent`.
  join("drivers", "transport", "memory-transport.ts"),
  // modbus-serial's port contract: it reads and writes `_transactionIdRead/Write` itself.
  join("drivers", "modbus", "rtu-port-adapter.ts"),
  // Per-sensor poll counters, written by the one bus that polls the sensor.
  join("drivers", "modbus", "sensor-poll-state.ts"),
]);

/**
 * A field of a class body (two-space indent) that is neither private, protected nor readonly:
 * `count = 0;`, `onDone: (() => void) | undefined;`, `public port: number;`.
 */
const PUBLIC_MUTABLE_FIELD =
  /^ {2}(?:public\s+)?(?:static\s+)?(?!(?:private|protected|readonly|get|set|async|constructor|static|declare)\b)[A-Za-z_$][\w$]*[?!]?\s*(?::|=(?![=>]))/;

describe("components hold no public mutable fields", () => {
  it("no class in edge/, broker/ or drivers/ declares a public field that is not readonly", () => {
    const files = ["edge", "broker", "drivers"].flatMap(sources).filter((path) => !NOT_COMPONENTS.has(path));
    const found = files.flatMap((path) => {
      let inClass = false;
      return readFileSync(path, "utf8")
        .split("\n")
        .flatMap((line, i) => {
          if (/^(export )?(default )?(abstract )?class /.test(line)) inClass = true;
          else if (line.startsWith("}")) inClass = false;
          const field = inClass && (PUBLIC_MUTABLE_FIELD.test(line) || /^\s+public (?!readonly)/.test(line));
          return field ? [`${path}:${i + 1}: ${line.trim()}`] : [];
        });
    });
    expect(found).toEqual([]);
  });

  it("the scan finds a public mutable field (it can fail)", () => {
    for (const line of ["  count = 0;", "  onCommitted: (() => void) | undefined;", "  port?: number;"])
      expect(PUBLIC_MUTABLE_FIELD.test(line)).toBe(true);
    for (const line of [
      "  private count = 0;",
      '  readonly name = "x";',
      "  get port(): number {",
      "  start(): void {",
    ])
      expect(PUBLIC_MUTABLE_FIELD.test(line)).toBe(false);
  });
});
