import { describe, expect, it } from "vitest";
import { configTargets } from "../../../edge/ops/doctor/config-targets.js";

describe("doctor finds what to check in the config by shape", () => {
  it("serial paths anywhere, printers under printing, upstream urls under uplink", () => {
    const targets = configTargets({
      drivers: {
        scales: [{ id: "scale-1", serial: { path: "/dev/trace/scale-1" } }],
        modbus: [{ id: "bus", serial: { path: "/dev/ttyUSB1" }, sensors: [] }],
        scanners: [{ id: "scan", serial: { path: "/dev/serial/by-id/usb-scanner" } }],
      },
      printers: [
        { name: "label", kind: "tspl", transport: { type: "tcp", host: "192.168.1.50", port: 9100 } },
        { name: "receipt", kind: "escpos", transport: { type: "tcp", host: "192.168.1.51", port: 9101 } },
        { name: "usb", kind: "escpos", transport: { type: "device", path: "/dev/usb/lp0" } },
        { name: "kiosk", kind: "preview" },
      ],
      uplink: {
        sinks: [
          { name: "up", url: "mqtts://up.example.cn" },
          { name: "platform", type: "https", url: "https://platform.example.cn:8443/api" },
        ],
      },
      dataDir: "/var/lib/trace-station",
    });
    expect(targets.serial.map((s) => s.path)).toEqual([
      "/dev/trace/scale-1",
      "/dev/ttyUSB1",
      "/dev/serial/by-id/usb-scanner",
    ]);
    expect(targets.serial[0]?.at).toBe("/drivers/scales/0/serial/path");
    expect(targets.printers).toEqual([
      { at: "/printers/0/transport", host: "192.168.1.50", port: 9100, language: "tspl" },
      { at: "/printers/1/transport", host: "192.168.1.51", port: 9101, language: "escpos" },
      { at: "/printers/2/transport", path: "/dev/usb/lp0", language: "escpos" },
    ]);
    expect(targets.upstream.map((u) => [u.host, u.port])).toEqual([
      ["up.example.cn", 8883],
      ["platform.example.cn", 8443],
    ]);
  });
});
