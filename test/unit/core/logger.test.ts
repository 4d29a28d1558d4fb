import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, prettyLine, resolveFormat } from "../../../edge/core/logger.js";

describe("logs", () => {
  it("are JSON lines with the component, and secrets are redacted", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = createLogger({ level: "info", destination: sink }).child({ component: "broker" });
    log.info({ device: "s1", password: "hunter2", tls: { key: "PEMKEY" }, token: "abc" }, "hello");
    const entry = JSON.parse(lines[0] ?? "{}") as Record<string, unknown>;
    expect(entry.component).toBe("broker");
    expect(entry.device).toBe("s1");
    expect(lines[0]).not.toContain("hunter2");
    expect(lines[0]).not.toContain("PEMKEY");
    expect(lines[0]).not.toContain('"abc"');
  });
});

describe("one key per field, and lines for people", () => {
  const capture = () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    return { lines, log: createLogger({ level: "info", destination: sink }) };
  };

  it("a nested component is one key with a path, and its other bindings stay", () => {
    const { lines, log } = capture();
    const scale = log.child({ component: "drivers" }).child({ component: "scale", device: "s1" });
    scale.child({ job: 7 }).warn({ code: "DRIVER_X" }, "garbled");
    const raw = lines[0] ?? "";
    expect(raw.match(/"component"/g)).toHaveLength(1);
    expect(JSON.parse(raw)).toMatchObject({
      component: "drivers/scale",
      device: "s1",
      job: 7,
      code: "DRIVER_X",
    });
  });

  it("a terminal line has time, level, component, code, message and the rest as key=value", () => {
    const line = prettyLine(
      '{"level":50,"time":"2026-12-01T08:05:09.000Z","service":"trace-station","component":"uplink","sink":"prov","code":"UPLINK_X","msg":"refused"}',
    );
    expect(line).toBe("08:05:09 ERROR uplink [UPLINK_X] refused  sink=prov\n");
    expect(prettyLine("not json\n")).toBe("not json\n");
  });

  it("TRACE_STATION_LOG_FORMAT wins; a JOURNAL_STREAM that is not our stdout is ignored", () => {
    expect(resolveFormat("auto", { TRACE_STATION_LOG_FORMAT: "pretty" })).toBe("pretty");
    expect(resolveFormat("auto", { JOURNAL_STREAM: "0:0" })).not.toBe("journal");
  });
});
