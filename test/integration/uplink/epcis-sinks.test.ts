import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { createServer as createTcpServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Aedes } from "aedes";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { validateConfig } from "../../../edge/config/load.js";
import { systemClock } from "../../../edge/core/clock.js";
import { exportEpcis } from "../../../edge/epcis/export-events.js";
import { eventId } from "../../../edge/epcis/identifiers.js";
import { EpcisRecordMapper } from "../../../edge/epcis/record-events.js";
import { Uplink } from "../../../edge/uplink/uplink.js";
import { type DomainFixture, MAY_1, openDomainFixture } from "../../helpers/domain-fixture.js";
import { waitFor } from "../../helpers/poll.js";
import { compileSchemaFile, EPCIS_SCHEMA_FILE } from "../../helpers/uplink-ajv.js";
import { populateTwoBatches } from "../../helpers/uplink-domain.js";

const validate = compileSchemaFile(EPCIS_SCHEMA_FILE);
const station = { code: "ST01", name: "测试站", timezone: "Asia/Shanghai" };

interface Doc {
  id: string;
  epcisBody: {
    eventList: Array<{ eventID: string; type: string; bizStep?: string; [field: string]: unknown }>;
  };
}

describe("sinks with format: epcis", () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  let f: DomainFixture | undefined;
  afterEach(async () => {
    for (const c of cleanups.reverse()) await c();
    cleanups.length = 0;
    f?.close();
  });

  it("forward batches, packages, tests and readings as EPCIS 2.0 documents over MQTT and HTTP at once, each valid, with the export's event ids", async () => {
    const dir = mkdtempSync(join(tmpdir(), "uplink-epcis-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    f = openDomainFixture({ dir: join(dir, "data") });
    const lots = populateTwoBatches(f);
    // A wrong package voided on the line: it goes up as the withdrawal of its EPC.
    const voided = f.domain.packages.void(`${lots.pepper}-001`, "重量不对", "王师傅");

    const mqttDocs: Doc[] = [];
    const broker = new Aedes();
    await broker.listen();
    broker.on("publish", (packet, client) => {
      if (client) mqttDocs.push(JSON.parse(packet.payload.toString()) as Doc);
    });
    const tcp = createTcpServer(broker.handle);
    await new Promise<void>((resolve) => tcp.listen(0, "127.0.0.1", () => resolve()));
    cleanups.push(() => new Promise<void>((resolve) => broker.close(() => tcp.close(() => resolve()))));
    const httpDocs: Doc[] = [];
    const http = createServer((req, res) => {
      let text = "";
      req.on("data", (c: Buffer) => {
        text += c.toString();
      });
      req.on("end", () => {
        httpDocs.push(JSON.parse(text) as Doc);
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", () => resolve()));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          http.closeAllConnections();
          http.close(() => resolve());
        }),
    );
    const port = (server: { address(): unknown }) => (server.address() as { port: number }).port;

    const { config } = validateConfig({
      uplink: {
        sinks: [
          {
            type: "mqtt",
            name: "epcis-mqtt",
            url: `mqtt://127.0.0.1:${port(tcp)}`,
            format: "epcis",
            topic: "epcis/{station}/{kind}",
          },
          {
            type: "https",
            name: "epcis-http",
            url: `http://127.0.0.1:${port(http)}/epcis`,
            format: "epcis",
            batchSize: 100,
          },
        ],
      },
    });
    const uplink = new Uplink({
      db: f.db,
      config: config.uplink,
      station: "ST01",
      clock: systemClock,
      log: pino({ level: "silent" }),
      epcis: new EpcisRecordMapper(f.domain, station, f.db),
    });
    await uplink.start();
    cleanups.push(() => uplink.stop());
    await waitFor(() => uplink.status().sinks.every((s) => s.backlog === 0), {
      what: "both sinks caught up",
      timeoutMs: 120_000,
    });
    await waitFor(
      () => {
        const mqtt = new Set(mqttDocs.flatMap((d) => d.epcisBody.eventList.map((e) => e.eventID)));
        const viaHttp = new Set(httpDocs.flatMap((d) => d.epcisBody.eventList.map((e) => e.eventID)));
        return mqtt.size === viaHttp.size && mqtt.size > 0;
      },
      { what: "every MQTT document acknowledged and seen", timeoutMs: 60_000 },
    );

    for (const doc of [...mqttDocs, ...httpDocs]) {
      expect(validate(doc), JSON.stringify(validate.errors, null, 2)).toBe(true);
      expect(doc.id).toMatch(/^urn:uuid:/);
    }
    // One MQTT document per record (a closed batch brings its transformation along); HTTP documents carry batches.
    expect(mqttDocs.every((d) => d.epcisBody.eventList.length >= 1)).toBe(true);
    expect(httpDocs.length).toBeLessThan(mqttDocs.length);
    const events = mqttDocs.flatMap((d) => d.epcisBody.eventList);
    expect(new Set(events.map((e) => e.eventID)).size).toBe(events.length);
    const count = (type: string, bizStep: string) =>
      events.filter((e) => e.type === type && e.bizStep === bizStep).length;
    expect(count("ObjectEvent", "commissioning")).toBe(4); // tomato lot (closed) + 3 packages
    expect(count("TransformationEvent", "commissioning")).toBe(1);
    expect(count("ObjectEvent", "inspecting")).toBe(2);
    const withdrawn = events.filter((e) => e.bizStep === "decommissioning");
    expect(withdrawn).toMatchObject([
      { type: "ObjectEvent", action: "DELETE", disposition: "inactive", "ts:voidReason": "重量不对" },
    ]);
    expect(withdrawn[0]).toMatchObject({ eventTime: new Date(voided.voidedAt ?? 0).toISOString() });
    // Its commissioning went up too: the receiver sees the EPC added, then withdrawn.
    expect(events.map((e) => e.eventID)).toContain(eventId("ST01", `package:${voided.serial}`));
    expect(count("ObjectEvent", "sensor_reporting")).toBe(5 * 144); // one per raw reading

    // The same records give the same event ids as the export, so a receiver de-duplicates across both.
    const exported = exportEpcis(f.domain, station, { lot: lots.tomato }, MAY_1)
      .epcisBody.eventList.filter((e) => e.bizStep !== "sensor_reporting")
      .map((e) => e.eventID);
    const forwarded = new Set(events.map((e) => e.eventID));
    expect(exported.filter((id) => !forwarded.has(id))).toEqual([]);
    const pepperExport = exportEpcis(f.domain, station, { lot: lots.pepper }, MAY_1).epcisBody.eventList;
    expect(validate(exportEpcis(f.domain, station, { lot: lots.pepper }, MAY_1))).toBe(true);
    const exportedVoid = pepperExport.filter((e) => e.bizStep === "decommissioning").map((e) => e.eventID);
    expect(exportedVoid).toEqual(withdrawn.map((e) => e.eventID));
  });
});
