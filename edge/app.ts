import { BrokerListener } from "../broker/broker-listener.js";
import { DeviceRegistry } from "../broker/device-registry.js";
import { MqttBroker } from "../broker/mqtt-broker.js";
import { encodePacketNumbersOnTheFly } from "../broker/mqtt-packet-numbers.js";
import type { DeviceHealth } from "../drivers/device-health.js";
import { DriverHub } from "../drivers/driver-hub.js";
import { forwardDriverEvents } from "../drivers/live-forward.js";
import { registerAlarmRoutes } from "./alarms/alarm-routes.js";
import { AlarmStore } from "./alarms/alarm-store.js";
import { StationAlarms } from "./alarms/alarms.js";
import type { LoadedConfig } from "./config/load.js";
import { type Clock, systemClock } from "./core/clock.js";
import { EventLinks, listen } from "./core/event-links.js";
import { Lifecycle, lifecycleStep } from "./core/lifecycle.js";
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
import { registerAnimalTracePage } from "./livestock/animal-trace-page.js";
import { createLivestock, type Livestock } from "./livestock/livestock.js";
import { registerLivestockRoutes } from "./livestock/livestock-routes.js";
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
  /** Cattle and sheep by national ear tag: register, treatments, sale batches (edge/livestock). */
  readonly livestock: Livestock;
  readonly clock: Clock;
  readonly log: Logger;
  /** Ports actually bound (a configured port 0 picks a free one). */
  readonly ports: { mqtt?: number; mqttTls?: number; http?: number };
  /** The components in start order; `stop` stops them in reverse. */
  readonly components: readonly string[];
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
  encodePacketNumbersOnTheFly();
  assertDataDirUsable(dataDir);
  const db = openDatabase(dataDir);
  const devices = new DeviceRegistry(db);

  const writer: StoreWriter & StationService =
    deps.storage === "none"
      ? new NullStoreWriter()
      : new WorkerStoreWriter(databasePath(dataDir), config.store.derivedWriteSeconds * 1000);
  const committer = new GroupCommitter(
    writer,
    {
      maxItems: config.intake.commitMaxMessages,
      maxDelayMs: config.intake.commitMaxDelayMs,
      readingWindowMs: config.intake.readingWindowMs,
      readingBatch: config.intake.readingBatch,
    },
    clock,
    (messages, seconds) => ops.metrics?.observeCommit(messages, seconds),
  );
  const intake = new Intake(
    committer,
    { maxPayloadBytes: config.mqtt.maxPayloadBytes, readingWindowMs: config.intake.readingWindowMs },
    clock,
    log.child({ component: "intake" }),
  );
  const projector = new Projector(
    db,
    log.child({ component: "projector" }),
    (message, _id, refusal) => intake.refuseStored(message, refusal),
    intake,
  );
  const alarmStore = new AlarmStore(db, () => clock.now());
  const domain = createDomain(db, {
    alarms: alarmStore,
    station: { code: config.station.code, name: config.station.name, timezone: config.station.timezone },
    config: config.domain,
    now: () => clock.now(),
  });
  for (const projection of domainProjections(domain, config.station.code)) projector.register(projection);
  const livestock = createLivestock(db, {
    config: config.livestock,
    station: { code: config.station.code, timezone: config.station.timezone },
    vetDrugTableFile: config.domain.vetDrugTableFile,
    vetDrugListFile: config.domain.vetDrugListFile,
    domain,
    now: () => clock.now(),
  });
  const broker = new MqttBroker({ config: config.mqtt, devices, intake, log, clock });
  const brokerListener = new BrokerListener(broker);
  const publishStation = (topic: string, payload: string) => broker.publish(topic, payload, false);

  const http = new HttpServer(config.http, log);
  const uplink = new Uplink({
    db,
    config: config.uplink,
    station: config.station.code,
    clock,
    log,
    epcis: new EpcisRecordMapper(domain, config.station, db),
    stored: intake,
  });
  const retention = new ReadingRetention(
    db,
    config.store,
    () => uplink.deliveredMessagesUpTo(),
    clock,
    log.child({ component: "retention" }),
  );
  // Built before HTTP so /api/devices and /api/scales read the drivers' health.
  const drivers = new DriverHub({
    drivers: config.drivers,
    demo: config.demo.enabled,
    intake,
    broker,
    devices,
    clock,
    log: log.child({ component: "drivers" }),
  });
  const ops = new StationOps({
    config: config.ops,
    dataDir,
    db,
    intake,
    connectedClients: () => broker.aedes.connectedClients,
    sources: {
      brokerRefusals: () => broker.refusals,
      uplink: () =>
        uplink.status().sinks.map((s) => ({ sink: s.name, backlog: s.backlog, oldestAgeMs: s.oldestAgeMs })),
      devices: () => deviceHealth(),
    },
    http: http.app,
    clock,
    log,
  });
  const printing = new PrintService({ db, config, dataDir, clock, log, records: domainLabelRecords(domain) });
  const alarms = new StationAlarms({
    db,
    store: alarmStore,
    config: config.alarms,
    station: config.station.code,
    devices,
    intake,
    projector,
    metrics: ops.metrics?.registry,
    clock,
    log,
    publish: publishStation,
    siteName: (id) => domain.master.site(id)?.name,
  });
  // Printers are devices too: their health joins the drivers' in /metrics, /healthz and /api/devices.
  const deviceHealth = () => [...drivers.health(), ...printing.printerHealth.list()];
  const {
    hub: live,
    lines,
    bridge,
  } = registerStationHttp(http.app, {
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
      (api, guard) =>
        registerLivestockRoutes(api, { livestock, guard, station: config.station, now: () => clock.now() }),
    ],
  });
  http.app.register(async (pages) =>
    registerAnimalTracePage(pages, {
      livestock,
      stationName: config.station.name,
      timeZone: config.station.timezone,
      now: () => clock.now(),
    }),
  );
  const links = new EventLinks("event-links", [
    () => forwardDomainEvents(domain.events, publishStation),
    () => forwardPrintEvents(printing, publishStation),
    () => forwardAlarms(ops.alarmSet, live),
    () => alarms.forwardTo(live),
    () => forwardDriverEvents(drivers, live),
    listen(printing.printerHealth, "health", (health: DeviceHealth) =>
      live.publish("device", { deviceId: health.id, ...health }, health.id),
    ),
  ]);

  // The station's components, started in this order and stopped in reverse (edge/core/lifecycle.ts).
  // A new component is one line here, at the place its dependencies are running.
  const lifecycle = new Lifecycle(
    [
      lifecycleStep("database", { stop: () => db.close() }),
      // Before anything can emit: domain events, print jobs, alarms and drivers reach their topics and the kiosk.
      links,
      writer,
      // The stop order below is the delivery promise: refuse new connections (broker-listener),
      // commit what is pending (committer) while its PUBACKs go out on still-open sockets,
      // persist the projection cursors, and only then drop the clients (broker).
      broker,
      projector,
      committer,
      lifecycleStep("demo-seed", { start: () => config.demo.enabled && seedDemoMasterData(domain, log) }),
      // Disk floor and clock are judged, and the rules judge readings, from the first one the broker takes.
      ops,
      alarms,
      // The kiosk's feed and the packing lines follow the commits from the first one too.
      bridge,
      lines,
      brokerListener,
      drivers,
      uplink,
      retention,
      // Printing before HTTP: the kiosk's print buttons find the queue running.
      printing,
      // HTTP last, so the kiosk sees a ready station.
      http,
    ],
    log,
  );
  const ports: Station["ports"] = {};

  let started = false;
  let stopped = false;
  async function stop(): Promise<void> {
    if (stopped) return;
    stopped = true;
    await lifecycle.stop();
    if (!started) {
      // Built, never started: only what construction opened is held (the writer threads boot
      // from construction, beside the rest of the build).
      await writer.close();
      db.close();
    }
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
    livestock,
    clock,
    log,
    ports,
    components: lifecycle.order,
    async start() {
      started = true;
      try {
        await lifecycle.start();
      } catch (err) {
        // The lifecycle has stopped what it started; the station is done.
        await stop();
        throw err;
      }
      for (const address of brokerListener.addresses) {
        if (address.transport === "tcp") ports.mqtt = address.port;
        else ports.mqttTls = address.port;
      }
      ports.http = http.port;
      log.info({ dataDir, ports, station: config.station.code }, "station started");
    },
    stop,
  };
}
