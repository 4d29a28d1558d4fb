import { DeviceRegistry } from "../broker/device-registry.js";
import { MqttBroker } from "../broker/mqtt-broker.js";
import { DriverHub } from "../drivers/driver-hub.js";
import { forwardDriverEvents } from "../drivers/live-forward.js";
import { type Clock, systemClock } from "./clock.js";
import type { LoadedConfig } from "./config/load.js";
import { seedDemoMasterData } from "./demo/demo-seed.js";
import { createDomain, type Domain } from "./domain/domain.js";
import { domainProjections } from "./domain/projections/domain-projections.js";
import { forwardDomainEvents } from "./domain/station-topics.js";
import { EpcisRecordMapper } from "./epcis/record-events.js";
import type { EventHub } from "./http/event-hub.js";
import { HttpServer } from "./http/http-server.js";
import { registerStationHttp } from "./http/station-http.js";
import { GroupCommitter } from "./intake/group-committer.js";
import { Intake } from "./intake/intake.js";
import { Projector } from "./intake/projector.js";
import { NullStoreWriter, type StoreWriter, WorkerStoreWriter } from "./intake/store-writer.js";
import { createLogger, type Logger } from "./log/logger.js";
import { forwardAlarms } from "./ops/live-alarms.js";
import { StationOps } from "./ops/station-ops.js";
import { PrintService } from "./printing/print-service.js";
import { forwardPrintEvents } from "./printing/print-topics.js";
import { domainLabelRecords } from "./printing/record-labels.js";
import type { StationService } from "./station-service.js";
import { type Database, databasePath, openDatabase } from "./store/database.js";
import { ReadingRetention } from "./store/reading-retention.js";
import { Uplink } from "./uplink/uplink.js";

export interface StationDeps {
  clock?: Clock;
  logger?: Logger;
  /** "none" acknowledges without storing: only for the intake benchmark's baseline. */
  storage?: "durable" | "none";
}

export interface Station {
  readonly config: LoadedConfig["config"];
  readonly dataDir: string;
  readonly db: Database;
  readonly devices: DeviceRegistry;
  readonly intake: Intake;
  readonly projector: Projector;
  readonly broker: MqttBroker;
  readonly http: HttpServer;
  /** Batches, records, compliance gate, certificates, trace records (edge/domain). */
  readonly domain: Domain;
  /** Store-and-forward to upstream platforms (edge/uplink); `status()` feeds the metrics. */
  readonly uplink: Uplink;
  /** Local retention: old delivered raw readings reduced to their rollups (edge/store). */
  readonly retention: ReadingRetention;
  /** Alarms (disk floor, clock), metrics and health (edge/ops). */
  readonly ops: StationOps;
  /** Serial scales, Modbus sensors, scanners (drivers/): `status()`, live and stable weights. */
  readonly drivers: DriverHub;
  /** Print queue: package labels, certificates, test pages, printer status (edge/printing). */
  readonly printing: PrintService;
  /** Live events for the kiosk (server-sent events at /api/events). */
  readonly live: EventHub;
  readonly clock: Clock;
  readonly log: Logger;
  /** Ports actually bound (a configured port 0 picks a free one). */
  readonly ports: { mqtt?: number; mqttTls?: number; http?: number };
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The composition root (STYLE.md §3): everything the station runs is built here from config
 * and explicit dependencies. No component reaches another through a global.
 */
export function createStation(loaded: LoadedConfig, deps: StationDeps = {}): Station {
  const { config, dataDir } = loaded;
  const clock = deps.clock ?? systemClock;
  const log = deps.logger ?? createLogger({ level: config.log.level });
  const db = openDatabase(dataDir);
  const devices = new DeviceRegistry(db);

  const writer: StoreWriter =
    deps.storage === "none" ? new NullStoreWriter() : new WorkerStoreWriter(databasePath(dataDir));
  const committer = new GroupCommitter(
    writer,
    {
      maxItems: config.intake.commitMaxMessages,
      maxDelayMs: config.intake.commitMaxDelayMs,
      readingWindowMs: config.intake.readingWindowMs,
      readingBatch: config.intake.readingBatch,
    },
    clock,
  );
  const intake = new Intake(
    committer,
    { maxPayloadBytes: config.mqtt.maxPayloadBytes },
    clock,
    log.child({ component: "intake" }),
  );
  const projector = new Projector(db, log.child({ component: "projector" }), (message, _id, refusal) =>
    intake.refuseStored(message, refusal),
  );
  intake.on("stored", (message, id) => projector.apply(message, id));
  const domain = createDomain(db, {
    station: { code: config.station.code, name: config.station.name, timezone: config.station.timezone },
    config: config.domain,
    now: () => clock.now(),
  });
  for (const projection of domainProjections(domain, config.station.code)) projector.register(projection);
  const broker = new MqttBroker({ config: config.mqtt, devices, intake, log });
  forwardDomainEvents(domain.events, (topic, payload) => broker.publish(topic, payload, false));

  const http = new HttpServer(config.http, log);
  const uplink = new Uplink({
    db,
    config: config.uplink,
    station: config.station.code,
    clock,
    log,
    epcis: new EpcisRecordMapper(domain, config.station, db),
  });
  intake.on("stored", () => uplink.wake());
  const retention = new ReadingRetention(
    db,
    config.store,
    () => uplink.deliveredMessagesUpTo(),
    clock,
    log.child({ component: "retention" }),
  );
  const ops = new StationOps({
    config: config.ops,
    dataDir,
    db,
    intake,
    connectedClients: () => broker.aedes.connectedClients,
    http: http.app,
    clock,
    log,
  });
  committer.onCommitted = (messages, seconds) => ops.metrics?.observeCommit(messages, seconds);
  ops.sources.uplink = () =>
    uplink.status().sinks.map((s) => ({ sink: s.name, backlog: s.backlog, oldestAgeMs: s.oldestAgeMs }));
  const printing = new PrintService({ db, config, dataDir, clock, log, records: domainLabelRecords(domain) });
  forwardPrintEvents(printing, (topic, payload) => broker.publish(topic, payload, false));
  const live = registerStationHttp(http.app, {
    config,
    dataDir,
    db,
    devices,
    intake,
    domain,
    printing,
    clock,
    log,
  });
  forwardAlarms(ops.alarmSet, live);

  // Started in this order, stopped in reverse. HTTP comes last so the kiosk sees a ready station.
  const services: StationService[] = [http];
  const drivers = new DriverHub({
    drivers: config.drivers,
    demo: config.demo.enabled,
    intake,
    broker,
    devices,
    clock,
    log: log.child({ component: "drivers" }),
  });
  services.splice(services.indexOf(http), 0, drivers);
  forwardDriverEvents(drivers, live);
  // Upstream delivery runs before HTTP, which stays last.
  services.splice(services.indexOf(http), 0, uplink);
  services.splice(services.indexOf(http), 0, retention);
  // Printing before HTTP: the kiosk's print buttons find the queue running.
  services.splice(services.indexOf(http), 0, printing);
  // Disk floor and clock are judged before any other service starts.
  services.unshift(ops);
  const ports: Station["ports"] = {};
  const started: StationService[] = [];

  let stopped = false;
  async function stop(): Promise<void> {
    if (stopped) return;
    stopped = true;
    for (const service of started.reverse()) {
      try {
        await service.stop();
      } catch (err) {
        log.error({ service: service.name, err }, "service did not stop cleanly");
      }
    }
    // Order matters for the delivery promise: refuse new connections, commit what is
    // pending (its PUBACKs go out on still-open sockets), and only then drop the clients.
    broker.stopListening();
    await committer.close();
    projector.persistSeen();
    await broker.close();
    await writer.close();
    db.close();
    log.info("station stopped");
  }

  return {
    config,
    dataDir,
    db,
    devices,
    intake,
    projector,
    broker,
    http,
    domain,
    uplink,
    retention,
    ops,
    drivers,
    printing,
    live,
    clock,
    log,
    ports,
    async start() {
      try {
        if (writer instanceof WorkerStoreWriter) await writer.start();
        // No client is connected before the broker listens, whatever the last run recorded.
        db.prepare("UPDATE devices SET online = 0").run();
        projector.catchUp();
        if (config.demo.enabled) seedDemoMasterData(domain, log);
        for (const address of await broker.listen()) {
          if (address.transport === "tcp") ports.mqtt = address.port;
          else ports.mqttTls = address.port;
        }
        for (const service of services) {
          await service.start();
          started.push(service);
        }
      } catch (err) {
        // A half-started station (port taken, say) must not linger: its writer thread alone
        // would keep the process alive and systemd would never see it exit.
        await stop();
        throw err;
      }
      ports.http = http.port;
      log.info({ dataDir, ports, station: config.station.code }, "station started");
    },
    stop,
  };
}
