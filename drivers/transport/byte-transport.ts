import type { EventEmitter } from "node:events";

/**
 * The one hardware seam (STYLE.md §1): bytes in, bytes out. Serial ports, TCP printer
 * sockets, device files and in-memory fakes all implement it; protocols never see which.
 */
export interface ByteTransportEvents {
  data: [chunk: Buffer];
  /** The device went away (unplugged, socket closed); a supervisor may reopen it. */
  close: [err?: Error];
  error: [err: Error];
}

export interface ByteTransport extends EventEmitter<ByteTransportEvents> {
  /** A name for logs and status, e.g. "/dev/ttyUSB0" or "tcp://10.0.0.5:9100". */
  readonly name: string;
  readonly isOpen: boolean;
  open(): Promise<void>;
  write(bytes: Buffer): Promise<void>;
  close(): Promise<void>;
}

/** Serial line settings per device (DOMAIN.md §5: 9600 8N1 unless noted; Toledo often 7E1). */
export interface SerialSettings {
  path: string;
  baudRate: number;
  dataBits: 7 | 8;
  parity: "none" | "even" | "odd";
  stopBits: 1 | 2;
}
