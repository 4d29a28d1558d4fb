import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, type Server, type TLSSocket } from "node:tls";
import { Aedes } from "aedes";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { validateConfig } from "../../../edge/config/load.js";
import { systemClock } from "../../../edge/core/clock.js";
import { openDatabase } from "../../../edge/store/database.js";
import { Uplink } from "../../../edge/uplink/uplink.js";
import { waitFor } from "../../helpers/poll.js";
import { insertDomainRecords, insertReadings } from "../../helpers/uplink-fixtures.js";
import { selfSignedCert } from "../../helpers/uplink-tls.js";

describe("MQTT sink over TLS", () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.reverse()) await c();
    cleanups.length = 0;
  });

  it("connects with CA, client certificate, username/password and its fixed client id, and fills the topic template", async () => {
    const dir = mkdtempSync(join(tmpdir(), "uplink-tls-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, "server"));
    mkdirSync(join(dir, "client"));
    const server = selfSignedCert(join(dir, "server"));
    const client = selfSignedCert(join(dir, "client"));

    const seen: Array<{ clientId: string; topic: string; id: string }> = [];
    const logins: Array<{
      clientId: string;
      username: string | undefined;
      password: string;
      certCN: string;
    }> = [];
    const broker = new Aedes({
      authenticate: (c, username, password, done) => {
        const peer = (c.conn as TLSSocket).getPeerCertificate();
        logins.push({
          clientId: c.id,
          username,
          password: password?.toString() ?? "",
          certCN: String(peer.subject?.CN ?? ""),
        });
        done(null, username === "station-01" && password?.toString() === "pässword");
      },
    });
    await broker.listen();
    broker.on("publish", (packet, c) => {
      if (c) {
        const record = JSON.parse(packet.payload.toString()) as { id: string };
        seen.push({ clientId: c.id, topic: packet.topic, id: record.id });
      }
    });
    // The broker trusts the station's self-signed client certificate and requires one.
    const tlsServer: Server = createServer(
      { cert: server.cert, key: server.key, ca: [client.cert], requestCert: true, rejectUnauthorized: true },
      broker.handle,
    );
    await new Promise<void>((resolve) => tlsServer.listen(0, "127.0.0.1", () => resolve()));
    const address = tlsServer.address();
    const port = typeof address === "object" && address ? address.port : 0;
    cleanups.push(() => new Promise<void>((resolve) => broker.close(() => tlsServer.close(() => resolve()))));

    const db = openDatabase(join(dir, "data"));
    cleanups.push(() => {
      db.close();
    });
    insertReadings(db, "air-1", 3);
    insertDomainRecords(db, "certificates", "certificate", 2, "cert");

    const { config } = validateConfig({
      station: { code: "ST07" },
      uplink: {
        sinks: [
          {
            type: "mqtt",
            name: "province",
            url: `mqtts://127.0.0.1:${port}`,
            ca: server.certFile,
            cert: client.certFile,
            key: client.keyFile,
            username: "station-01",
            password: "pässword",
            clientId: "ST07-uplink",
            topic: "platform/{station}/{kind}/{device}",
          },
        ],
      },
    });
    const uplink = new Uplink({
      db,
      config: config.uplink,
      station: "ST07",
      clock: systemClock,
      log: pino({ level: "silent" }),
    });
    await uplink.start();
    cleanups.push(() => uplink.stop());

    await waitFor(() => seen.length >= 5, { what: "five records upstream", timeoutMs: 60_000 });
    expect(logins[0]).toMatchObject({ clientId: "ST07-uplink", username: "station-01", certCN: "localhost" });
    expect(new Set(seen.map((s) => s.clientId))).toEqual(new Set(["ST07-uplink"]));
    expect(seen.map((s) => s.topic).sort()).toEqual(
      [
        "platform/ST07/certificate/station",
        "platform/ST07/certificate/station",
        "platform/ST07/reading/air-1",
        "platform/ST07/reading/air-1",
        "platform/ST07/reading/air-1",
      ].sort(),
    );
    await waitFor(() => uplink.status().sinks[0]?.backlog === 0, {
      what: "status caught up",
      timeoutMs: 60_000,
    });
    const status = uplink.status().sinks[0];
    expect(status).toMatchObject({
      name: "province",
      type: "mqtt",
      connected: true,
      backlog: 0,
      oldestAgeMs: 0,
      failed: 0,
    });
    expect(status?.lastSuccessAt).toBeTypeOf("number");
  });
});
