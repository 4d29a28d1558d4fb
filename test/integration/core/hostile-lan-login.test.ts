import { connect as connectTcp } from "node:net";
import mqtt from "mqtt";
import { afterAll, describe, expect, it } from "vitest";
import { connectDevice } from "../../helpers/mqtt-client.js";
import { startTestStation, type TestStation } from "../../helpers/station.js";

/** Issue 12: MQTT logins on a hostile LAN, over real TCP on 127.0.0.1. Loops are bounded. */
const stations: TestStation[] = [];
afterAll(async () => {
  for (const s of stations) await s.stop();
});

const attempt = async (
  url: string,
  username: string,
  password: string,
): Promise<{ ms: number; error: string }> => {
  const start = performance.now();
  try {
    const c = await mqtt.connectAsync(url, {
      username,
      password,
      reconnectPeriod: 0,
      connectTimeout: 10_000,
    });
    c.end(true);
    return { ms: performance.now() - start, error: "" };
  } catch (err) {
    return { ms: performance.now() - start, error: (err as Error).message };
  }
};

const utf8 = (s: string): Buffer => {
  const b = Buffer.from(s);
  return Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
};

/** A bare CONNECT over a raw socket (cheap for the test process); resolves with the CONNACK return code. */
const rawLogin = (port: number, username: string, password: string): Promise<number> => {
  const body = Buffer.concat([
    utf8("MQTT"),
    Buffer.from([4, 0xc2, 0, 60]),
    utf8(`raw-${Math.random()}`),
    utf8(username),
    utf8(password),
  ]);
  const packet = Buffer.concat([Buffer.from([0x10, body.length]), body]);
  return new Promise((resolve) => {
    const s = connectTcp(port, "127.0.0.1", () => s.write(packet));
    s.on("data", (d: Buffer) => {
      resolve(d[3] ?? -1);
      s.destroy();
    });
    s.on("error", () => resolve(-1));
    s.on("close", () => resolve(-1));
  });
};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

describe("failed logins are throttled per address and username", () => {
  it("60 wrong passwords in a row: only the allowance reaches the password check", async () => {
    const t = await startTestStation();
    stations.push(t);
    await t.addDevice("thr-1");
    const results: string[] = [];
    for (let i = 0; i < 60; i++) results.push((await attempt(t.mqttUrl, "thr-1", `guess-${i}`)).error);
    expect(results.slice(0, 5).every((e) => /Bad username or password/.test(e))).toBe(true);
    expect(results.slice(5).every((e) => /Not authorized/.test(e))).toBe(true);
    expect(t.station.broker.refusals.get("MQTT_AUTH_FAILED")).toBe(5);
    expect(t.station.broker.refusals.get("MQTT_CONNECT_THROTTLED")).toBe(55);
  });

  it("300 parallel wrong logins do not hold up a real device that logged in before", async () => {
    const t = await startTestStation();
    stations.push(t);
    const pass = await t.addDevice("real-1");
    await t.addDevice("victim-1");
    (await connectDevice(t.mqttUrl, "real-1", pass)).end(true);
    const port = t.station.ports.mqtt as number;
    const storm = Array.from({ length: 300 }, (_, i) => rawLogin(port, "victim-1", `g${i}`));
    await new Promise((r) => setTimeout(r, 20));
    const real = await attempt(t.mqttUrl, "real-1", pass);
    const codes = await Promise.all(storm);
    // Admitted although its address is throttled by then: a secret proven before passes
    // without scrypt, so it never queues behind the guessers (was 5.5 s for 400 guesses).
    expect(real.error).toBe("");
    // Both ends of 300 sockets share this process and a busy box: only a loose sanity bound.
    expect(real.ms).toBeLessThan(10_000);
    // Counted before the check: at most the allowance ever reached scrypt (4 = bad password).
    expect(codes.filter((c) => c === 4).length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === 5).length).toBeGreaterThanOrEqual(295);
  });
});

describe("refusal takes as long for an unknown id as for a known one", () => {
  it("medians of wrong-password refusals differ by less than a factor of two", async () => {
    const t = await startTestStation({ mqtt: { limits: { loginFailures: 1000 } } });
    stations.push(t);
    await t.addDevice("known-1");
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 8; i++) {
      known.push((await attempt(t.mqttUrl, "known-1", "wrong")).ms);
      unknown.push((await attempt(t.mqttUrl, "nobody-1", "wrong")).ms);
    }
    const ratio = median(unknown) / median(known);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});
