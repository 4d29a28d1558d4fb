import { constants } from "node:fs";
import { open, stat } from "node:fs/promises";
import { escposStatus, tsplStatus } from "../../../drivers/printer/printer-status.js";
import type { CheckResult } from "./check-result.js";
import { passed, problem } from "./check-result.js";
import type { DeviceTarget, PrinterTarget, UpstreamTarget } from "./config-targets.js";
import { queryStatus, tcpConnect } from "./tcp-probe.js";

export interface ProbeSettings {
  timeoutMs: number;
  /** The running station holds its serial ports exclusively (TIOCEXCL): busy is then expected. */
  stationRunning: boolean;
}

/** Present (following udev symlinks) and openable read-write without becoming our controlling tty. */
export async function checkSerial(target: DeviceTarget, settings: ProbeSettings): Promise<CheckResult> {
  const title = { zh: `串口 ${target.path}`, en: `Serial port ${target.path}` };
  const id = `serial:${target.path}`;
  try {
    await stat(target.path);
  } catch (err) {
    return problem("fail", id, title, "OPS_SERIAL_MISSING", `${target.at}: ${(err as Error).message}`);
  }
  try {
    const fh = await open(target.path, constants.O_RDWR | constants.O_NOCTTY | constants.O_NONBLOCK);
    await fh.close();
    return passed(id, title, "存在且可打开 / present and openable");
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === "EBUSY" && settings.stationRunning) {
      return passed(id, title, "被运行中的 trace-station 占用 / held by the running station");
    }
    return problem("fail", id, title, "OPS_SERIAL_DENIED", `${target.path}: ${e.message}`);
  }
}

export async function checkPrinter(target: PrinterTarget, settings: ProbeSettings): Promise<CheckResult> {
  const where = target.host ? `${target.host}:${target.port}` : (target.path ?? target.at);
  const title = { zh: `打印机 ${where}`, en: `Printer ${where}` };
  const id = `printer:${where}`;
  if (target.path) {
    try {
      const fh = await open(target.path, constants.O_WRONLY | constants.O_NONBLOCK);
      await fh.close();
      return passed(id, title, "设备可打开 / device opens");
    } catch (err) {
      return problem(
        "fail",
        id,
        title,
        "OPS_PRINTER_UNREACHABLE",
        `${target.path}: ${(err as Error).message}`,
      );
    }
  }
  let socket: Awaited<ReturnType<typeof tcpConnect>>;
  try {
    socket = await tcpConnect(target.host ?? "", target.port ?? 9100, settings.timeoutMs);
  } catch (err) {
    return problem("fail", id, title, "OPS_PRINTER_UNREACHABLE", `${where}: ${(err as Error).message}`);
  }
  try {
    if (!target.language) return passed(id, title, "可连接（纸张状态未知）/ reachable (paper state unknown)");
    const status = await queryStatus(
      socket,
      target.language === "escpos" ? escposStatus : tsplStatus,
      settings.timeoutMs,
    );
    if (!status)
      return passed(id, title, "可连接，未答复状态查询 / reachable, no answer to the status query");
    if (!status.ready)
      return problem("fail", id, title, status.code ?? "PRINTER_OFFLINE", `${where}: ${status.detail}`);
    return passed(id, title, `可连接，就绪 / reachable, ready (${status.detail})`);
  } finally {
    socket.destroy();
  }
}

/** A TCP connect to the upstream broker or HTTPS endpoint; offline is a warning: the outbox waits. */
export async function checkUpstream(target: UpstreamTarget, settings: ProbeSettings): Promise<CheckResult> {
  const title = { zh: `上级平台 ${target.url}`, en: `Upstream ${target.url}` };
  const id = `upstream:${target.url}`;
  try {
    const socket = await tcpConnect(target.host, target.port, settings.timeoutMs);
    socket.destroy();
    return passed(id, title, "可连接 / reachable");
  } catch (err) {
    return problem("warn", id, title, "OPS_UPSTREAM_UNREACHABLE", `${target.at}: ${(err as Error).message}`);
  }
}
