import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { exampleConfig } from "../../../edge/config/example.js";
import { ConfigError, validateConfig } from "../../../edge/config/load.js";

describe("configuration", () => {
  it("runs on embedded defaults with no file", () => {
    const { config } = validateConfig({});
    expect(config.mqtt.port).toBe(1883);
    expect(config.http.port).toBe(8080);
    expect(config.mqtt.allowAnonymous).toBe(false);
    expect(Object.isFrozen(config.mqtt)).toBe(true);
  });

  it("lists every problem at once, each with its path and a remedy", () => {
    let error: ConfigError | undefined;
    try {
      validateConfig({
        mqtt: { port: "eighty", allowAnonymous: "yes" },
        station: { code: "st-01" },
        colour: 1,
      });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const paths = error?.problems.map((p) => p.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(["/mqtt/port", "/mqtt/allowAnonymous", "/station/code"]));
    expect(paths.some((p) => p === "/colour" || p === "/")).toBe(true);
    for (const p of error?.problems ?? []) expect(p.remedy.length).toBeGreaterThan(5);
    expect(error?.report()).toContain("/mqtt/port");
  });

  it("lets command-line overrides win over the file", () => {
    const { config, dataDir } = validateConfig({ mqtt: { port: 1999 } }, "f", {
      mqttPort: 2883,
      httpPort: 9090,
      dataDir: "/tmp/x",
    });
    expect(config.mqtt.port).toBe(2883);
    expect(config.http.port).toBe(9090);
    expect(dataDir).toBe("/tmp/x");
  });

  it("writes an example config that is itself valid and commented", () => {
    const text = exampleConfig();
    expect(text).toContain("# ");
    expect(text).toContain("mqtt:");
    const { config } = validateConfig(parse(text));
    expect(config.mqtt.port).toBe(1883);
  });

  it("refuses a config from a newer version", () => {
    expect(() => validateConfig({ version: 99 })).toThrow(/newer/);
  });
});
