import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { PrintJob } from "../../../edge/printing/print-job-store.js";
import { type ChildStation, spawnStation } from "../../helpers/child-station.js";
import { runCli } from "../../helpers/cli.js";
import { parseEscpos } from "../../helpers/escpos-stream.js";
import { waitFor } from "../../helpers/poll.js";
import { PrinterEndpoint } from "../../helpers/printer-endpoint.js";
import { tcpPrinter } from "../../helpers/printing-fixture.js";

let endpoint: PrinterEndpoint;
let dir: string;
const children: ChildStation[] = [];

afterEach(async () => {
  for (const child of children) if (child.process.exitCode === null) child.process.kill("SIGKILL");
  await endpoint?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function jobs(configFile: string): Promise<PrintJob[]> {
  const r = await runCli(["print", "jobs", "--config", configFile, "--json"]);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as PrintJob);
}

describe("station killed mid-job", () => {
  it("the interrupted job waits for an operator after restart and is printed again only on their word", async () => {
    endpoint = new PrinterEndpoint();
    await endpoint.listen();
    // Answer the status check before the job, then fall silent: the station waits for the
    // printer's confirmation with the job on the wire and the row saying `sending`.
    endpoint.behaviour.silentAfterBytes = 7;
    dir = mkdtempSync(join(tmpdir(), "trace-print-kill-"));
    const configFile = join(dir, "station.json");
    writeFileSync(
      configFile,
      JSON.stringify({
        dataDir: join(dir, "data"),
        demo: { enabled: false },
        printers: [tcpPrinter(endpoint.port, { statusTimeoutMs: 600_000 })],
      }),
    );
    // Connections that carried a job, not just a status check (the kiosk polls idle printers).
    const jobConnections = () => endpoint.capture.connections.filter((c) => c.length > 6);
    const first = await spawnStation(["--config", configFile]);
    children.push(first);
    const queued = await runCli([
      "print",
      "test",
      "--printer",
      "p1",
      "--config",
      configFile,
      "--wait",
      "0",
      "--json",
    ]);
    expect(queued.status, queued.stderr).toBe(0);
    const job = JSON.parse(queued.stdout) as PrintJob;
    await endpoint.waitFor(() => endpoint.all().length > 200, 60_000, "the job's bytes");
    await waitFor(
      async () =>
        (await jobs(configFile)).find((j) => j.id === job.id)?.state === "sending" ? true : undefined,
      { what: "the job to be sending", timeoutMs: 60_000 },
    );
    first.process.kill("SIGKILL");
    await first.exited;

    endpoint.behaviour.silentAfterBytes = undefined;
    const second = await spawnStation(["--config", configFile]);
    children.push(second);
    const stuck = await waitFor(
      async () => {
        const j = (await jobs(configFile)).find((x) => x.id === job.id);
        return j?.state === "needs_confirmation" ? j : undefined;
      },
      { what: "needs_confirmation", timeoutMs: 60_000 },
    );
    expect(stuck.reasonCode).toBe("PRINT_INTERRUPTED");
    expect(
      second.logs.some((l) => l.code === "PRINT_INTERRUPTED"),
      JSON.stringify(second.logs),
    ).toBe(true);
    // A later job goes out; the interrupted one is not resent with it.
    const other = await runCli([
      "print",
      "test",
      "--printer",
      "p1",
      "--config",
      configFile,
      "--wait",
      "60",
      "--json",
    ]);
    expect(JSON.parse(other.stdout).state, other.stdout + other.stderr).toBe("done");
    expect(
      jobConnections().map((c) => c.length),
      "connections",
    ).toHaveLength(2);

    const confirm = await runCli([
      "print",
      "confirm",
      "--job",
      String(job.id),
      "--resend",
      "--by",
      "王五",
      "--config",
      configFile,
    ]);
    expect(confirm.status, confirm.stderr).toBe(0);
    const done = await waitFor(
      async () => {
        const j = (await jobs(configFile)).find((x) => x.id === job.id);
        return j?.state === "done" ? j : undefined;
      },
      { what: "the resent job to be done", timeoutMs: 60_000 },
    );
    expect(done.resolvedBy).toBe("王五");
    expect(
      jobConnections().map((c) => c.length),
      "connections",
    ).toHaveLength(3);
    const last = parseEscpos(jobConnections()[2] as Buffer);
    expect(last.lines.join("\n"), JSON.stringify(last)).toContain("打印测试");
    expect(last.qrPayloads).toEqual(["http://trace-station.local:8080/t/TEST"]);
    second.process.kill("SIGTERM");
    await second.exited;
  });
});
