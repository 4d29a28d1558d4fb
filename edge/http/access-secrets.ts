import "./http-codes.js";
import { randomInt } from "node:crypto";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateSecret, hashSecret } from "../../broker/credentials.js";
import type { Logger } from "../core/logger.js";
import { StationError } from "../core/station-error.js";
import type { KioskConfig } from "./kiosk-config-schema.js";

/** The hashes the API checks requests against. Plain secrets are never kept. */
export interface AccessHashes {
  pinHash: string;
  adminTokenHash: string;
}

export const ACCESS_FILE = "kiosk-access.json";
/** Where the first-start secrets go when nobody watches a terminal: owner-only, read once, delete. */
export const FIRST_START_SECRETS_FILE = "first-start-secrets.txt";

/**
 * The plain first-start secrets reach a person, never the journal: on a terminal they are
 * shown; otherwise (systemd, a pipe, a log collector) they are written once to an owner-only
 * file in the data directory and only its path is logged.
 */
export function defaultAnnounce(dataDir: string, log: Logger): (text: string) => void {
  return (text) => {
    if (process.stderr.isTTY) {
      process.stderr.write(text);
      return;
    }
    const file = join(dataDir, FIRST_START_SECRETS_FILE);
    writeFileSync(file, text, { mode: 0o600 });
    chmodSync(file, 0o600); // mode applies only when the file is created
    log.warn(
      { file },
      "first-start PIN and admin token written to this owner-only file: read it, write them down, delete it",
    );
  };
}

/**
 * Hashes from the config when set there; otherwise from `<dataDir>/kiosk-access.json`, which is
 * created on first start with a fresh 6-digit PIN and admin token, handed to `announce` once
 * (see defaultAnnounce) so the installer can write them down. The file holds hashes only.
 */
export async function loadAccessHashes(
  config: KioskConfig,
  dataDir: string,
  log: Logger,
  announce: (text: string) => void = defaultAnnounce(dataDir, log),
): Promise<AccessHashes> {
  const file = join(dataDir, ACCESS_FILE);
  let stored: Partial<AccessHashes> = {};
  if (existsSync(file)) stored = readAccessFile(file);
  const lines: string[] = [];
  let pinHash = config.pinHash ?? stored.pinHash;
  let adminTokenHash = config.adminTokenHash ?? stored.adminTokenHash;
  if (!pinHash) {
    const pin = String(randomInt(0, 1_000_000)).padStart(6, "0");
    pinHash = await hashSecret(pin);
    stored.pinHash = pinHash;
    lines.push(`操作员 PIN / kiosk PIN: ${pin}`);
  }
  if (!adminTokenHash) {
    const token = generateSecret();
    adminTokenHash = await hashSecret(token);
    stored.adminTokenHash = adminTokenHash;
    lines.push(`管理令牌 / admin token: ${token}`);
  }
  if (lines.length > 0) {
    writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
    log.warn({ file }, "generated kiosk access secrets; shown once");
    announce(
      `\n===== 请记下，只显示这一次 / write these down, shown only once =====\n${lines.join("\n")}\n` +
        `（存放于 ${file} 的只是哈希 / only hashes are stored in ${file}）\n\n`,
    );
  }
  return { pinHash, adminTokenHash };
}

function readAccessFile(file: string): Partial<AccessHashes> {
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as unknown;
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
      return parsed as Partial<AccessHashes>;
  } catch {
    // reported below with the remedy
  }
  throw new StationError("HTTP_ACCESS_FILE_INVALID", `无法读取 ${file} / cannot read ${file}`, { file });
}
