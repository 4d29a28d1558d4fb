import type { Clock } from "../../edge/core/clock.js";
import type { ByteTransport, SerialSettings } from "./byte-transport.js";
import { SerialTransport } from "./serial-transport.js";
import { parseTcpPath, TcpByteTransport } from "./tcp-byte-transport.js";

/**
 * The transport a device's `serial.path` names: `tcp://host:port` for a serial-over-TCP device
 * server or network indicator, anything else a serial port (pyserial's `socket://` URLs work
 * the same way).
 */
export function openTransport(settings: SerialSettings, clock: Clock): ByteTransport {
  const tcp = parseTcpPath(settings.path);
  return tcp ? new TcpByteTransport(tcp.host, tcp.port, clock) : new SerialTransport(settings);
}
