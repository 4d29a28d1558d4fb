import "./uplink-codes.js";
import { readFileSync } from "node:fs";
import { StationError } from "../core/station-error.js";

/**
 * Read a sink's TLS file (ca, cert, key) when it is configured. The sinks read theirs when they
 * are built, so a wrong path is reported once as UPLINK_FILE_UNREADABLE naming the sink and the
 * field, not later as a TLS failure on every connection attempt.
 */
export function readPem(file: string | undefined, sink: string, field: string): Buffer | undefined {
  if (file === undefined) return undefined;
  try {
    return readFileSync(file);
  } catch (err) {
    throw new StationError(
      "UPLINK_FILE_UNREADABLE",
      `上传通道 ${sink} 的 ${field} 文件无法读取 / cannot read ${field}: ${(err as Error).message}`,
      { sink, field, file },
    );
  }
}
