import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../../edge/core/logger.js";

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
