import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { configFileFor, SYSTEM_CONFIG } from "../../../edge/cli/config-file.js";
import { judgeQrBase } from "../../../edge/ops/qr-reach.js";
import { runCli } from "../../helpers/cli.js";
import { removeDir, tempDir } from "../../helpers/station.js";

const work = tempDir("doctor-site");
afterAll(() => removeDir(work));

interface Report {
  ok: boolean;
  configSource: string;
  checks: Array<{ id: string; status: string; code?: string; detail: string }>;
}

async function doctor(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = await runCli(["doctor", "--json", "--timeout", "500", ...args], env);
  const report = JSON.parse(r.stdout) as Report;
  return { code: r.status, report, check: (id: string) => report.checks.find((c) => c.id === id) };
}

function config(name: string, yaml: string): string {
  const file = join(work, name);
  writeFileSync(file, `mqtt:\n  port: 0\nhttp:\n  port: 0\ndataDir: ${join(work, `data-${name}`)}\n${yaml}`);
  return file;
}

describe("init writes a production config", () => {
  it("demo off and a QR base the technician must fill in: doctor fails until it is", async () => {
    const file = join(work, "init.yaml");
    const init = await runCli(["init", "--out", file]);
    expect(init.status, init.stderr).toBe(0);
    const written = parse(readFileSync(file, "utf8")) as {
      demo: { enabled: boolean };
      labels: { qr: { baseUrl: string } };
    };
    expect(written.demo.enabled).toBe(false);
    expect(written.labels.qr.baseUrl).toBe("https://trace.example.invalid");
    const d = await doctor(["--config", file, "--data", join(work, "data-init")]);
    expect(d.code).toBe(1);
    expect(d.check("qr")).toMatchObject({ status: "fail", code: "OPS_QR_UNREACHABLE" });
    expect(d.check("demo")?.status).toBe("ok");
    expect(d.check("font")?.status).toBe("ok");
  });
});

describe("doctor warns about what makes a real station's labels wrong", () => {
  it("demo mode on and a .local QR base: two warnings with codes", async () => {
    const file = config(
      "demo.yaml",
      "demo:\n  enabled: true\nlabels:\n  qr:\n    baseUrl: http://trace-station.local:8080\n",
    );
    const d = await doctor(["--config", file]);
    expect(d.check("demo")).toMatchObject({ status: "warn", code: "OPS_DEMO_ENABLED" });
    expect(d.check("qr")).toMatchObject({ status: "warn", code: "OPS_QR_UNREACHABLE" });
  });

  it("a private address is fine with a note saying why phones reach it; a public one needs none", async () => {
    const noted = config(
      "noted.yaml",
      "labels:\n  qr:\n    baseUrl: http://192.168.1.20:8080\n    reachNote: 只在车间 Wi-Fi 内扫码\n",
    );
    expect((await doctor(["--config", noted])).check("qr")?.status).toBe("ok");
    const bare = config("private.yaml", "labels:\n  qr:\n    baseUrl: http://192.168.1.20:8080\n");
    expect((await doctor(["--config", bare])).check("qr")?.status).toBe("warn");
    const open = config("public.yaml", "labels:\n  qr:\n    baseUrl: https://trace.coop-shouguang.cn\n");
    expect((await doctor(["--config", open])).check("qr")?.status).toBe("ok");
  });

  it("finds its config through TRACE_STATION_CONFIG without --config", async () => {
    const file = config("env.yaml", "demo:\n  enabled: true\n");
    const d = await doctor([], { TRACE_STATION_CONFIG: file });
    expect(d.report.configSource).toBe(file);
    expect(d.check("demo")?.status).toBe("warn");
  });
});

describe("which config a command reads", () => {
  it("--config, then TRACE_STATION_CONFIG, then /etc/trace-station/config.yaml if present", () => {
    const none = () => false;
    const all = () => true;
    expect(configFileFor("a.yaml", { TRACE_STATION_CONFIG: "b.yaml" }, all)).toBe("a.yaml");
    expect(configFileFor(undefined, { TRACE_STATION_CONFIG: "b.yaml" }, all)).toBe("b.yaml");
    expect(configFileFor(undefined, {}, all)).toBe(SYSTEM_CONFIG);
    expect(configFileFor(undefined, {}, none)).toBeUndefined();
  });

  it("judges QR hosts a phone on the mobile network cannot reach", () => {
    for (const url of [
      "http://localhost:8080",
      "http://box.local",
      "http://10.0.0.5",
      "http://172.20.1.1",
      "http://[fd00::1]/",
      "http://station",
    ])
      expect(judgeQrBase(url).kind, url).toBe("local");
    for (const url of ["https://trace.example.invalid", "https://example.com/x"])
      expect(judgeQrBase(url).kind, url).toBe("placeholder");
    for (const url of ["https://trace.coop.cn", "http://8.8.8.8", "http://172.32.0.1"])
      expect(judgeQrBase(url).kind, url).toBe("public");
  });
});
