import { DeviceRegistry } from "../broker/device-registry.js";
import { MqttBroker } from "../broker/mqtt-broker.js";
import { DriverHub } from "../drivers/driver-hub.js";
import { forwardDriverEvents } from "../drivers/live-forward.js";
import { registerAlarmRoutes } from "./alarms/alarm-routes.js";
import { AlarmStore } from "./alarms/alarm-store.js";
import { StationAlarms } from "./alarms/alarms.js";
import type { LoadedConfig } from "./config/load.js";
import { type Clock, systemClock } from "./core/clock.js";
import { createLogger, type Logger } from "./core/logger.js";
import type { StationService } from "./core/station-service.js";
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
import { assertDataDirUsable } from "./ops/data-dir-access.js";
import { forwardAlarms } from "./ops/live-alarms.js";
import { StationOps } from "./ops/station-ops.js";
import type { PackingLines } from "./packing-line/packing-lines.js";
import { PrintService } from "./printing/print-service.js";
import { forwardPrintEvents } from "./printing/print-topics.js";
import { domainLabelRecords } from "./printing/record-labels.js";
import { registerShipmentRoutes } from "./shipments/shipment-routes.js";
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
  /** Early warning (评估预警): rules, alarms, actions (edge/alarms). */
  readonly alarms: StationAlarms;
  /** Live events for the kiosk (server-sent events at /api/events). */
  readonly live: EventHub;
  /** One packing line per scale: weigh-and-print state, placements → packages → labels. */
  readonly lines: PackingLines;
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
  assertDataDirUsable(dataDir);
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
    { maxPayloadBytes: config.mqtt.maxPayloadBytes, readingWindowMs: config.intake.readingWindowMs },
    clock,
    log.child({ component: "intake" }),
  );
  const projector = new Projector(db, log.child({ component: "projector" }), (message, _id, refusal) =>
    intake.refuseStored(message, refusal),
  );
  intake.on("stored", (message, id) => projector.apply(message, id));
  const alarmStore = new AlarmStore(db, () => clock.now());
  const domain = createDomain(db, {
    alarms: alarmStore,
    station: { code: config.station.code, name: config.station.name, timezone: config.station.timezone },
    config: config.domain,
    now: () => clock.now(),
  });
  for (const projection of domainProjections(domain, config.station.code)) projector.register(projection);
  const broker = new MqttBroker({ config: config.mqtt, devices, intake, log, clock });
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
  // Per commit, not per poll: a fast writer cannot outrun the floor check (issue 12).
  intake.on("stored", (message) => ops.disk.noteStored(Buffer.byteLength(message.payload)));
  committer.onCommitted = (messages, seconds) => ops.metrics?.observeCommit(messages, seconds);
  ops.sources.brokerRefusals = () => broker.refusals;
  ops.sources.uplink = () =>
    uplink.status().sinks.map((s) => ({ sink: s.name, backlog: s.backlog, oldestAgeMs: s.oldestAgeMs }));
  const printing = new PrintService({ db, config, dataDir, clock, log, records: domainLabelRecords(domain) });
  forwardPrintEvents(printing, (topic, payload) => broker.publish(topic, payload, false));
  const alarms = new StationAlarms({
    db,
    store: alarmStore,
    config: config.alarms,
    station: config.station.code,
    devices,
    intake,
    projector,
    clock,
    log,
    publish: (topic, payload) => broker.publish(topic, payload, false),
    siteName: (id) => domain.master.site(id)?.name,
  });
  // Built before HTTP so /api/devices and /api/scales read the drivers' health; started below.
  const drivers = new DriverHub({
    drivers: config.drivers,
    demo: config.demo.enabled,
    intake,
    broker,
    devices,
    clock,
    log: log.child({ component: "drivers" }),
  });
  // Printers are devices too: their health joins the drivers' in /metrics, /healthz and /api/devices.
  const deviceHealth = () => [...drivers.health(), ...printing.printerHealth.list()];
  ops.sources.devices = deviceHealth;
  const { hub: live, lines } = registerStationHttp(http.app, {
    config,
    dataDir,
    db,
    devices,
    intake,
    domain,
    printing,
    drivers,
    deviceHealth,
    clock,
    log,
    alarm: (code, message, detail) => ops.alarmSet.raise(code, message, clock.now(), detail),
    clearAlarm: (code) => ops.alarmSet.clear(code),
    routes: [
      (api, guard) => registerAlarmRoutes(api, { alarms, guard }),
      (api, guard) =>
        registerShipmentRoutes(api, {
          domain,
          guard,
          timeZone: config.station.timezone,
          stationName: config.station.name,
        }),
    ],
  });
  forwardAlarms(ops.alarmSet, live);
  alarms.forwardTo(live);
  alarms.registerMetrics(ops.metrics?.registry);

  // Started in this order, stopped in reverse. HTTP comes last so the kiosk sees a ready station.
  const services: StationService[] = [http];
  services.splice(services.indexOf(http), 0, drivers);
  forwardDriverEvents(drivers, live);
  printing.printerHealth.on("health", (health) =>
    live.publish("device", { deviceId: health.id, ...health }, health.id),
  );
  // Upstream delivery runs before HTTP, which stays last.
  services.splice(services.indexOf(http), 0, uplink);
  services.splice(services.indexOf(http), 0, retention);
  // Printing before HTTP: the kiosk's print buttons find the queue running.
  services.splice(services.indexOf(http), 0, printing);
  // Disk floor and clock are judged before any other service starts.
  services.unshift(ops);
  // Rules judge readings from the first one the broker takes; drivers publish after this.
  services.splice(services.indexOf(drivers), 0, alarms);
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
    alarms,
    live,
    lines,
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
