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

describe("cross-field and machine checks run in config loading", () => {
  const problemsOf = (raw: Record<string, unknown>) => {
    try {
      validateConfig(raw);
      return [];
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as ConfigError).problems;
    }
  };
  const paths = (raw: Record<string, unknown>) => problemsOf(raw).map((p) => p.path);

  it("an unknown time zone is refused with the right name as remedy", () => {
    const [p] = problemsOf({ station: { timezone: "Asia/Shangai" } });
    expect(p?.path).toBe("/station/timezone");
    expect(p?.remedy).toContain("Asia/Shanghai");
    expect(paths({ station: { timezone: "Asia/Urumqi" } })).toEqual([]);
  });

  it("a device id or serial port used twice, across scales, Modbus sensors and scanners", () => {
    expect(
      paths({
        drivers: {
          scales: [{ id: "s1", protocol: "generic-ad", serial: { path: "/dev/a" } }],
          modbus: [
            {
              id: "bus1",
              serial: { path: "/dev/a" },
              sensors: [{ id: "s1", address: 1, model: "soil-4in1-rs485" }],
            },
          ],
          scanners: [{ id: "s1", serial: { path: "/dev/c" } }],
        },
      }),
    ).toEqual(
      expect.arrayContaining([
        "/drivers/modbus/0/serial/path",
        "/drivers/modbus/0/sensors/0/id",
        "/drivers/scanners/0/id",
      ]),
    );
  });

  it("printer names, links and templates; QR placeholders; sink names; files that must exist", () => {
    const found = paths({
      printers: [
        { name: "p", kind: "tspl", certificateTemplate: "cert-1x1" },
        { name: "p", kind: "preview" },
      ],
      labels: {
        templatesDir: "/nope/templates",
        fontFile: "/nope/font.ttf",
        qr: { urlTemplate: "{baseUrl}/t/{lotcode}" },
      },
      uplink: {
        sinks: [
          { name: "up", type: "https", url: "https://up.example.cn/r" },
          { name: "up", type: "mqtt", url: "mqtts://up.example.cn", cert: "/nope/c.pem", key: "/nope/k.pem" },
        ],
      },
      mqtt: { tls: { cert: "/nope/s.pem", key: "/nope/s.key" } },
    });
    expect(found).toEqual(
      expect.arrayContaining([
        "/printers/1/name",
        "/printers/0/transport",
        "/printers/0/certificateTemplate",
        "/labels/templatesDir",
        "/labels/fontFile",
        "/labels/qr/urlTemplate",
        "/uplink/sinks/1/name",
        "/uplink/sinks/1/cert",
        "/uplink/sinks/1/key",
        "/mqtt/tls/cert",
        "/mqtt/tls/key",
      ]),
    );
  });

  it("still runs when the schema found problems elsewhere, and skips a section the schema refused", () => {
    const found = paths({ station: { code: "x", timezone: "Mars/Base" }, printers: "none" });
    expect(found).toEqual(expect.arrayContaining(["/station/code", "/station/timezone", "/printers"]));
  });
});
