import "./core-codes.js";
import { StationError } from "./station-error.js";

/** A port the station cannot bind, said so a technician knows which one and what to do. */
export function listenError(err: Error, what: "MQTT" | "HTTP", host: string, port: number): Error {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "EADDRINUSE" || code === "EACCES") {
    const why = code === "EADDRINUSE" ? "已被占用 / already in use" : "无权限 / permission denied";
    return new StationError("OPS_PORT_IN_USE", `${what} 端口 ${host}:${port} ${why}`, { what, host, port });
  }
  return err;
}
