import type { Database } from "better-sqlite3";
import type { FastifyInstance } from "fastify";
import type { DeviceRegistry } from "../../broker/device-registry.js";
import type { DriverHub } from "../../drivers/driver-hub.js";
import type { Clock } from "../clock.js";
import type { StationConfig } from "../config/schema.js";
import type { Domain } from "../domain/domain.js";
import type { Intake } from "../intake/intake.js";
import type { Logger } from "../log/logger.js";
import { PackingLines } from "../packing-line/packing-lines.js";
import type { PrintService } from "../printing/print-service.js";
import { AccessGuard } from "./access-guard.js";
import { loadAccessHashes } from "./access-secrets.js";
import { installErrorHandler } from "./api-errors.js";
import { registerBatchRoutes } from "./batch-routes.js";
import { registerCertificateRoutes } from "./certificate-routes.js";
import { DeviceOverviewQuery } from "./device-overview.js";
import { registerDeviceRoutes } from "./device-routes.js";
import { EventHub } from "./event-hub.js";
import { registerKioskStatic } from "./kiosk-static.js";
import type { LabelJobs } from "./label-jobs.js";
import { registerLineRoutes } from "./line-routes.js";
import { LiveBridge } from "./live-bridge.js";
import { registerMasterRoutes } from "./master-routes.js";
import { OpenApiCollector } from "./openapi.js";
import { registerPrintRoutes } from "./print-routes.js";
import { PrintingAdapter } from "./printing-adapter.js";
import { registerRecordRoutes } from "./record-routes.js";
import { registerScaleRoutes } from "./scale-routes.js";
import { registerSessionRoutes } from "./session-routes.js";
import { registerSseRoute } from "./sse-route.js";
import { registerTraceApi, registerTraceRoutes } from "./trace-routes.js";

export interface StationHttpDeps {
  config: Readonly<StationConfig>;
  dataDir: string;
  db: Database;
  devices: DeviceRegistry;
  intake: Intake;
  domain: Domain;
  printing: PrintService;
  /** Serial scales' frames feed the packing lines. */
  drivers: DriverHub;
  clock: Clock;
  log: Logger;
  /** Printed once on first start with the generated PIN and token; stderr by default. */
  announce?: (text: string) => void;
}

/**
 * Everything the station serves over HTTP except /metrics and /healthz (ops): the REST API
 * under /api, the kiosk under /kiosk/, the public trace pages. Registered as plugins before
 * the server starts; the access hashes are loaded (or generated) while fastify boots.
 */
export function registerStationHttp(
  app: FastifyInstance,
  deps: StationHttpDeps,
): { hub: EventHub; lines: PackingLines } {
  const hub = new EventHub();
  const openapi = new OpenApiCollector();
  const log = deps.log.child({ component: "kiosk-api" });
  const { domain } = deps;
  const printing = new PrintingAdapter(deps.printing, {
    domain,
    hub,
    clock: deps.clock,
    log,
    config: deps.config,
  });
  const labels = (): LabelJobs => printing;
  app.addHook("onReady", async () => printing.start());
  app.addHook("preClose", async () => printing.stop());
  new LiveBridge({ hub, intake: deps.intake, domain });
  const lines = new PackingLines({
    db: deps.db,
    domain,
    printing: deps.printing,
    drivers: deps.drivers,
    intake: deps.intake,
    devices: deps.devices,
    clock: deps.clock,
    log: deps.log.child({ component: "packing-line" }),
    defaults: { auto: deps.config.kiosk.autoPrint },
    publish: (kind, data, key) => hub.publish(kind, data, key),
  });

  app.register(
    async (api) => {
      openapi.watch(api);
      installErrorHandler(api);
      const hashes = await loadAccessHashes(deps.config.kiosk, deps.dataDir, log, deps.announce);
      const guard = new AccessGuard(hashes, deps.clock, deps.config.kiosk.pinLockoutAttempts);
      registerSessionRoutes(api, { guard, config: deps.config });
      registerSseRoute(api, hub, deps.clock);
      registerMasterRoutes(api, { domain, guard });
      registerRecordRoutes(api, { domain, guard, db: deps.db });
      registerBatchRoutes(api, { domain, guard, hub, labels });
      registerCertificateRoutes(api, { domain, guard, hub, labels });
      registerPrintRoutes(api, { guard, labels });
      registerScaleRoutes(api, { domain, devices: deps.devices, guard, lines });
      registerLineRoutes(api, { lines, guard });
      registerTraceApi(api, domain);
      registerDeviceRoutes(api, {
        guard,
        devices: deps.devices,
        overview: new DeviceOverviewQuery(deps.db, deps.devices),
      });
      api.get("/openapi.json", { schema: { hide: true } }, async () =>
        openapi.document({
          title: "trace-station API",
          version: "1",
          description:
            "追溯站 REST 接口。读取公开追溯数据无需凭据；写入需操作员 PIN（X-Kiosk-Pin）或管理令牌（Authorization: Bearer）。/ Station REST API: public trace reads need nothing; writes need the kiosk PIN or the admin token.",
        }),
      );
    },
    { prefix: "/api" },
  );
  app.register(async (pages) => {
    await registerKioskStatic(pages, log);
    registerTraceRoutes(pages, { domain, timeZone: deps.config.station.timezone });
  });
  return { hub, lines };
}
