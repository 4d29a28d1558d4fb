import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, seedTomatoFarm } from "../../helpers/kiosk-api.js";
import { type KioskTestStation, startKioskStation } from "../../helpers/kiosk-station.js";
import { removeDir } from "../../helpers/station.js";

/**
 * Named operators over real HTTP against a real station: the shared PIN works only until the
 * first operator exists; a session ends at once when its operator is disabled or their PIN
 * changes, and after the idle time; guesses at one operator's PIN stop at the allowance.
 */
let t: KioskTestStation;
let api: ReturnType<typeof apiClient>;

const session = (token: string) => ({ "x-operator-session": token, "content-type": "application/json" });

async function signIn(operator: string, pin: string) {
  return api.raw("POST", "/api/operators/sign-in", { operator, pin }, { "content-type": "application/json" });
}

beforeAll(async () => {
  t = await startKioskStation({ kiosk: { idleSignOutS: 3, pinLockoutAttempts: 5 } });
  api = apiClient(t.baseUrl);
  await seedTomatoFarm(api);
}, 120_000);

afterAll(async () => {
  await t?.stop();
  if (t) removeDir(t.dataDir);
});

describe("operators and their sessions", () => {
  it("keeps the shared PIN until the first operator exists, then asks for personal sign-in", async () => {
    expect((await api.get("/api/kiosk")).body.personalSignIn).toBe(false);
    expect((await api.kiosk("POST", "/api/session")).status).toBe(200);
    const added = await api.admin("POST", "/api/operators", { name: "王芳", role: "worker", pin: "1111" });
    expect(added.status).toBe(201);
    expect(added.body.operator).toMatchObject({ number: "001", name: "王芳", role: "worker", enabled: true });
    await api.admin("POST", "/api/operators", { name: "李强", role: "supervisor", pin: "3333" });
    expect((await api.get("/api/kiosk")).body.personalSignIn).toBe(true);
    const shared = await api.kiosk("POST", "/api/batches", { productId: "tomato" });
    expect(shared.status).toBe(403);
    expect(shared.body.error.code).toBe("OPERATOR_SIGN_IN_REQUIRED");
  });

  it("refuses a worker managing operators, lets a supervisor do it", async () => {
    const worker = (await signIn("001", "1111")).body.token as string;
    const refused = await api.raw("GET", "/api/operators", undefined, session(worker));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("OPERATOR_ROLE_REFUSED");
    expect(refused.body.error.remedy.zh).toContain("主管");
    const supervisor = (await signIn("002", "3333")).body.token as string;
    const listed = await api.raw("GET", "/api/operators", undefined, session(supervisor));
    expect(listed.status).toBe(200);
    expect(listed.body.operators.map((o: { name: string }) => o.name)).toEqual(["王芳", "李强"]);
    expect(JSON.stringify(listed.body)).not.toContain("scrypt");
  });

  it("ends a session at once when its operator is disabled, and when their PIN changes", async () => {
    const token = (await signIn("001", "1111")).body.token as string;
    const me = await api.raw("GET", "/api/operators/me", undefined, session(token));
    expect(me.body.actor).toEqual({ id: "op-001", name: "王芳", role: "worker" });
    expect((await api.admin("POST", "/api/operators/001/disable")).status).toBe(200);
    const after = await api.raw("POST", "/api/batches", { productId: "tomato" }, session(token));
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("OPERATOR_SESSION_ENDED");
    expect((await signIn("001", "1111")).body.error.code).toBe("OPERATOR_DISABLED");

    expect((await api.admin("PUT", "/api/operators/001/pin", { pin: "5555" })).status).toBe(200);
    const again = (await signIn("001", "5555")).body.token as string;
    expect((await api.raw("GET", "/api/operators/me", undefined, session(again))).status).toBe(200);
    await api.admin("PUT", "/api/operators/001/pin", { pin: "1111" });
    expect((await api.raw("GET", "/api/operators/me", undefined, session(again))).body.error.code).toBe(
      "OPERATOR_SESSION_ENDED",
    );
  });

  it("signs out after the idle time, on the server", async () => {
    const token = (await signIn("001", "1111")).body.token as string;
    expect((await api.raw("GET", "/api/operators/me", undefined, session(token))).status).toBe(200);
    await new Promise((done) => setTimeout(done, 4_000));
    const idle = await api.raw("GET", "/api/operators/me", undefined, session(token));
    expect(idle.status).toBe(401);
    expect(idle.body.error.code).toBe("OPERATOR_SESSION_ENDED");
  });

  it("stops guesses at one operator's PIN at the allowance, even sent at once", async () => {
    const guesses = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn("002", String(4000 + i))));
    const checked = guesses.filter((g) => g.body.error?.code === "OPERATOR_PIN_WRONG").length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(guesses.some((g) => g.body.error?.code === "HTTP_PIN_LOCKED")).toBe(true);
    // Locked now: even the right PIN is not checked.
    expect((await signIn("002", "3333")).body.error.code).toBe("HTTP_PIN_LOCKED");
  });
});
