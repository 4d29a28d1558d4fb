import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  adminHeaders,
  type KioskTestStation,
  pinHeaders,
  startKioskStation,
} from "../../helpers/kiosk-station.js";
import { removeDir } from "../../helpers/station.js";

let t: KioskTestStation;

beforeAll(async () => {
  t = await startKioskStation();
  await t.station.devices.add("scale-1", "scale", null);
});

afterAll(async () => {
  await t?.stop();
  if (t) removeDir(t.dataDir);
});

async function call(method: string, path: string, headers: Record<string, string> = {}) {
  const { "content-type": _json, ...rest } = headers;
  const res = await fetch(`${t.baseUrl}${path}`, { method, headers: rest });
  return {
    status: res.status,
    body: (await res.json()) as { error?: Record<string, any> } & Record<string, any>,
  };
}

describe("API roles", () => {
  it("refuses a write without PIN or token with 401 HTTP_AUTH_REQUIRED, in zh and en", async () => {
    const { status, body } = await call("POST", "/api/session");
    expect(status).toBe(401);
    expect(body.error?.code).toBe("HTTP_AUTH_REQUIRED");
    expect(body.error?.title.zh).toContain("PIN");
    expect(body.error?.title.en).toContain("PIN");
    expect(body.error?.remedy.zh).toBeTruthy();
  });

  it("refuses a wrong PIN with 403 HTTP_PIN_WRONG", async () => {
    const { status, body } = await call("GET", "/api/devices", pinHeaders("000000"));
    expect(status).toBe(403);
    expect(body.error?.code).toBe("HTTP_PIN_WRONG");
  });

  it("refuses a wrong admin token with 401 HTTP_TOKEN_WRONG", async () => {
    const { status, body } = await call(
      "POST",
      "/api/devices/scale-1/reset-credentials",
      adminHeaders("nope"),
    );
    expect(status).toBe(401);
    expect(body.error?.code).toBe("HTTP_TOKEN_WRONG");
  });

  it("refuses the kiosk PIN on an admin action with 403 HTTP_ADMIN_REQUIRED", async () => {
    const { status, body } = await call("POST", "/api/devices/scale-1/reset-credentials", pinHeaders());
    expect(status).toBe(403);
    expect(body.error?.code).toBe("HTTP_ADMIN_REQUIRED");
    expect(body.error?.remedy.en).toMatch(/admin token/);
  });

  it("lets the PIN read devices and the admin token reset credentials", async () => {
    const list = await call("GET", "/api/devices", pinHeaders());
    expect(list.status).toBe(200);
    expect(list.body.devices.map((d: { id: string }) => d.id)).toContain("scale-1");
    const reset = await call("POST", "/api/devices/scale-1/reset-credentials", adminHeaders());
    expect(reset.status).toBe(200);
    expect(reset.body.secret).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(await t.station.devices.authenticate("scale-1", reset.body.secret)).toBe(true);
  });

  it("answers the session check with the role", async () => {
    expect((await call("POST", "/api/session", pinHeaders())).body.role).toBe("kiosk");
    expect((await call("POST", "/api/session", adminHeaders())).body.role).toBe("admin");
  });

  it("serves an OpenAPI 3.1 document naming the roles of each operation", async () => {
    const { status, body } = await call("GET", "/api/openapi.json");
    expect(status).toBe(200);
    expect(body.openapi).toBe("3.1.0");
    const reset = body.paths["/api/devices/{id}/reset-credentials"].post;
    expect(reset["x-role"]).toBe("admin");
    expect(reset.security).toEqual([{ adminToken: [] }]);
  });

  it("describes every API operation with a summary and marks every write with its role", async () => {
    const { body } = await call("GET", "/api/openapi.json");
    const operations = Object.entries(body.paths as Record<string, Record<string, any>>).flatMap(
      ([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })),
    );
    expect(operations.length).toBeGreaterThan(30);
    for (const { path, method, op } of operations) {
      expect(op.summary, `${method} ${path}`).toBeTruthy();
      if (method !== "get" && path !== "/api/session")
        // Sign-in is the one public write: it is how a person gets a session.
        expect(op["x-role"], `${method} ${path}`).toMatch(
          path === "/api/operators/sign-in" ? /^public$/ : /^(kiosk|admin)$/,
        );
    }
  });

  it("answers unknown API paths with a coded JSON 404", async () => {
    const { status, body } = await call("GET", "/api/nope");
    expect(status).toBe(404);
    expect(body.error?.code).toBe("HTTP_NOT_FOUND");
  });
});
