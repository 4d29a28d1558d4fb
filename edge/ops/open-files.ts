import { readdirSync, readlinkSync } from "node:fs";
import { resolve } from "node:path";

/**
 * Process ids that have `file` open, from /proc/<pid>/fd (Linux). A process of another user is
 * invisible unless we are root, which is fine: the station and the technician's
 * `sudo -u trace-station trace-station restore` are the same user.
 */
export function processesHolding(file: string, self = process.pid): number[] {
  const target = resolve(file);
  const pids: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return pids;
  }
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === self) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) === target) {
          pids.push(pid);
          break;
        }
      } catch {
        // closed meanwhile
      }
    }
  }
  return pids;
}
