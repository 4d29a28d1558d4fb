import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Value } from "@sinclair/typebox/value";
import type { FastifyRequest } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { hashSecret, verifySecret } from "../../../broker/credentials.js";
import type { Clock } from "../../../edge/core/clock.js";
import { silentLogger } from "../../../edge/core/logger.js";
import { AccessGuard } from "../../../edge/http/access-guard.js";
import { ACCESS_FILE, type AccessHashes, loadAccessHashes } from "../../../edge/http/access-secrets.js";
import { type KioskConfig, KioskSection } from "../../../edge/http/kiosk-config-schema.js";

const defaults = Value.Default(KioskSection, {}) as KioskConfig;

let hashes: AccessHashes;
beforeAll(async () => {
  hashes = { pinHash: await hashSecret("1357"), adminTokenHash: await hashSecret("tech-token") };
});

function clockAt(start: number): Clock & { t: number } {
  const c = {
    t: start,
    now: () => c.t,
    setTimeout: () => ({}),
    clearTimeout: () => {},
  };
  return c;
}

const req = (headers: Record<string, string>, ip = "10.0.0.5") =>
  ({ headers, ip }) as unknown as FastifyRequest;

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  }
}

describe("AccessGuard", () => {
  it("tells a missing credential, a wrong PIN, a wrong token and a PIN on an admin action apart", async () => {
    const guard = new AccessGuard(hashes, clockAt(0), 10);
    expect(await codeOf(guard.require(req({}), "kiosk"))).toBe("HTTP_AUTH_REQUIRED");
    expect(await codeOf(guard.require(req({}), "admin"))).toBe("HTTP_ADMIN_REQUIRED");
    expect(await codeOf(guard.require(req({ "x-kiosk-pin": "0000" }), "kiosk"))).toBe("HTTP_PIN_WRONG");
    expect(await codeOf(guard.require(req({ authorization: "Bearer nope" }), "kiosk"))).toBe(
      "HTTP_TOKEN_WRONG",
    );
    expect(await codeOf(guard.require(req({ "x-kiosk-pin": "1357" }), "admin"))).toBe("HTTP_ADMIN_REQUIRED");
    expect(await guard.require(req({ "x-kiosk-pin": "1357" }), "kiosk")).toBe("kiosk");
    expect(await guard.require(req({ authorization: "Bearer tech-token" }), "kiosk")).toBe("admin");
    expect(await guard.require(req({ authorization: "bearer tech-token" }), "admin")).toBe("admin");
  });

  it("locks the whole station after repeated wrong PINs, from any address, longer each time", async () => {
    const clock = clockAt(1_000_000);
    const locks: Array<[string, number, number]> = [];
    const guard = new AccessGuard(hashes, clock, 3, (role, n, ms) => locks.push([role, n, ms]));
    for (let i = 0; i < 3; i++)
      expect(await codeOf(guard.require(req({ "x-kiosk-pin": `99${i}` }, `10.0.0.${i}`), "kiosk"))).toBe(
        "HTTP_PIN_WRONG",
      );
    // Another address is locked too, and even the right PIN is refused while locked.
    expect(await codeOf(guard.require(req({ "x-kiosk-pin": "1357" }, "10.0.0.7"), "kiosk"))).toBe(
      "HTTP_PIN_LOCKED",
    );
    expect(locks).toEqual([["kiosk", 3, 60_000]]);
    // The admin token has its own count: a PIN guesser does not lock the technician out.
    expect(await guard.require(req({ authorization: "Bearer tech-token" }), "admin")).toBe("admin");
    clock.t += 60_000;
    expect(await codeOf(guard.require(req({ "x-kiosk-pin": "0001" }), "kiosk"))).toBe("HTTP_PIN_WRONG");
    expect(locks.at(-1)).toEqual(["kiosk", 4, 120_000]);
    clock.t += 120_000;
    expect(await guard.require(req({ "x-kiosk-pin": "1357" }), "kiosk")).toBe("kiosk");
  });

  it("counts guesses sent at once before checking them: 300 in parallel, at most the allowance checked", async () => {
    const guard = new AccessGuard(hashes, clockAt(5_000_000), 10);
    const codes = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        codeOf(guard.require(req({ "x-kiosk-pin": i === 299 ? "1357" : String(i) }), "kiosk")),
      ),
    );
    expect(codes.filter((c) => c === "HTTP_PIN_WRONG").length).toBe(10);
    expect(codes.filter((c) => c === "HTTP_PIN_LOCKED").length).toBe(290);
    expect(codes[299]).toBe("HTTP_PIN_LOCKED");
  });
});

describe("kiosk access file", () => {
  it("generates hashes once, keeps them across starts, and names the fix for a damaged file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kiosk-access-"));
    try {
      const printed: string[] = [];
      const first = await loadAccessHashes(defaults, dir, silentLogger(), (text) => printed.push(text));
      expect(printed.join("")).toMatch(/kiosk PIN: \d{6}/);
      const pin = /kiosk PIN: (\d{6})/.exec(printed.join(""))?.[1] ?? "";
      expect(await verifySecret(pin, first.pinHash)).toBe(true);
      expect(readFileSync(join(dir, ACCESS_FILE), "utf8")).not.toContain(pin);
      const again = await loadAccessHashes(defaults, dir, silentLogger(), (text) => printed.push(text));
      expect(again).toEqual(first);
      expect(printed).toHaveLength(1);
      writeFileSync(join(dir, ACCESS_FILE), "{not json");
      await expect(loadAccessHashes(defaults, dir, silentLogger(), () => {})).rejects.toMatchObject({
        code: "HTTP_ACCESS_FILE_INVALID",
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
