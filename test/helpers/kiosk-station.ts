import { once } from "node:events";
import { createServer } from "node:net";
import { hashSecret } from "../../broker/credentials.js";
import { startTestStation, type TestStation } from "./station.js";

export const TEST_PIN = "246810";
export const TEST_ADMIN_TOKEN = "admin-token-for-tests-0123";

export interface KioskTestStation extends TestStation {
  baseUrl: string;
}

let cachedHashes: { pinHash: string; adminTokenHash: string } | undefined;

/** A real station with a known kiosk PIN and admin token (hashed the way the config holds them). */
export async function startKioskStation(
  config: Record<string, unknown> = {},
  dataDir?: string,
): Promise<KioskTestStation> {
  cachedHashes ??= {
    pinHash: await hashSecret(TEST_PIN),
    adminTokenHash: await hashSecret(TEST_ADMIN_TOKEN),
  };
  const test = await startTestStation(
    { ...config, kiosk: { ...cachedHashes, ...((config.kiosk as object) ?? {}) } },
    {},
    ...(dataDir ? [dataDir] : []),
  );
  return { ...test, baseUrl: `http://127.0.0.1:${test.station.ports.http}` };
}

export const pinHeaders = (pin = TEST_PIN) => ({ "x-kiosk-pin": pin, "content-type": "application/json" });
export const adminHeaders = (token = TEST_ADMIN_TOKEN) => ({
  authorization: `Bearer ${token}`,
  "content-type": "application/json",
});

/** A port free right now, for a station whose URL must be known before it starts (QR base URL). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  server.close();
  await once(server, "close");
  return port;
}
