import type { Database } from "better-sqlite3";
import type { FastifyInstance } from "fastify";
import type { DeviceRegistry } from "../../broker/device-registry.js";
import type { DriverHub } from "../../drivers/driver-hub.js";
import type { StationConfig } from "../config/schema.js";
import type { Clock } from "../core/clock.js";
import type { ErrorCode } from "../core/error-codes.js";
import type { Logger } from "../core/logger.js";
import type { Domain } from "../domain/domain.js";
import type { Intake } from "../intake/intake.js";
import { OperatorSessions } from "../operators/operator-sessions.js";
import { OperatorStore } from "../operators/operator-store.js";
import { PackingLines } from "../packing-line/packing-lines.js";
import type { PrintService } from "../printing/print-service.js";
import { AccessGuard } from "./access-guard.js";
import { installAccessHook } from "./access-hook.js";
import { loadAccessHashes } from "./access-secrets.js";
import { installErrorHandler } from "./api-errors.js";
import { registerBatchRoutes } from "./batch-routes.js";
import { registerCertificateRoutes } from "./certificate-routes.js";
import { type DeviceHealthSource, DeviceOverviewQuery } from "./device-overview.js";
import { registerDeviceRoutes } from "./device-routes.js";
import { EventHub } from "./event-hub.js";
import { registerKioskStatic } from "./kiosk-static.js";
import type { LabelJobs } from "./label-jobs.js";
import { registerLineRoutes } from "./line-routes.js";
import { LiveBridge } from "./live-bridge.js";
import { registerMasterRoutes } from "./master-routes.js";
import { OpenApiCollector } from "./openapi.js";
import { registerOperatorRoutes } from "./operator-routes.js";
import { registerPrintRoutes } from "./print-routes.js";
import { PrintingAdapter } from "./printing-adapter.js";
import { registerRecordRoutes } from "./record-routes.js";
import { registerScaleRoutes } from "./scale-routes.js";
import { registerSessionRoutes } from "./session-routes.js";
import { registerSseRoute } from "./sse-route.js";
import { registerTraceApi, registerTraceRoutes } from "./trace-routes.js";
import { typedTimesHook } from "./typed-times.js";

export interface StationHttpDeps {
  config: Readonly<StationConfig>;
  dataDir: string;
  db: Database;
  devices: DeviceRegistry;
  intake: Intake;
  domain: Domain;
  printing: PrintService;
  /** The drivers' device health (online state of internal devices, problems and remedies). */
  deviceHealth?: DeviceHealthSource;
  /** Serial scales' frames feed the packing lines. */
  drivers: DriverHub;
  clock: Clock;
  log: Logger;
  /** Printed once on first start with the generated PIN and token; stderr by default. */
  announce?: (text: string) => void;
  /** Raises a station alarm (the kiosk status bar, /healthz): sign-in locked by guessing. */
  alarm?: (code: ErrorCode, message: string, detail: Record<string, unknown>) => void;
  clearAlarm?: (code: ErrorCode) => void;
  /** More /api routes from other components (alarms), registered with the same guard and error format. */
  routes?: ReadonlyArray<(api: FastifyInstance, guard: AccessGuard) => void>;
}

/**
 * Everything the station serves over HTTP except /metrics and /healthz (ops): the REST API
 * under /api, the kiosk under /kiosk/, the public trace pages. Registered as plugins before
 * the server starts; the access hashes are loaded (or generated) while fastify boots.
 */
export function registerStationHttp(
  app: FastifyInstance,
  deps: StationHttpDeps,
): { hub: EventHub; lines: PackingLines; bridge: LiveBridge } {
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
  const bridge = new LiveBridge({ hub, intake: deps.intake, domain });
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
      api.addHook("preValidation", typedTimesHook(deps.config.station.timezone));
      const hashes = await loadAccessHashes(deps.config.kiosk, deps.dataDir, log, deps.announce);
      const now = () => deps.clock.now();
      const operators = new OperatorStore(deps.db, now);
      const sessions = new OperatorSessions(deps.db, deps.config.kiosk.idleSignOutS * 1000, now);
      const guard = new AccessGuard(
        hashes,
        deps.clock,
        deps.config.kiosk.pinLockoutAttempts,
        (role, n, ms) => {
          if (ms === 0) {
            deps.clearAlarm?.("HTTP_PIN_LOCKED");
            return;
          }
          const minutes = Math.ceil(ms / 60_000);
          log.warn(
            { code: "HTTP_PIN_LOCKED", role, failures: n, lockMs: ms },
            "sign-in locked after wrong attempts",
          );
          deps.alarm?.(
            "HTTP_PIN_LOCKED",
            `连续 ${n} 次输错${role === "admin" ? "管理令牌" : " PIN"}，锁定 ${minutes} 分钟 / ${n} wrong attempts: locked ${minutes} min`,
            { role, failures: n, lockMs: ms },
          );
        },
        (role, address) =>
          log.warn(
            { code: role === "admin" ? "HTTP_TOKEN_WRONG" : "HTTP_PIN_WRONG", address },
            "wrong sign-in",
          ),
        { operators, sessions },
      );
      installAccessHook(api, guard, deps.config.kiosk.listsNeedPin);
      registerSessionRoutes(api, { guard, config: deps.config, operators });
      if (guard.signIn) {
        registerOperatorRoutes(api, {
          guard,
          operators,
          signIn: guard.signIn,
          idleSignOutS: deps.config.kiosk.idleSignOutS,
        });
      }
      registerSseRoute(api, hub, deps.clock);
      registerMasterRoutes(api, { domain, guard });
      registerRecordRoutes(api, { domain, guard, db: deps.db, hub });
      registerBatchRoutes(api, { domain, guard, hub, labels, now: () => deps.clock.now() });
      registerCertificateRoutes(api, { domain, guard, hub, labels });
      registerPrintRoutes(api, { guard, labels });
      registerScaleRoutes(api, {
        domain,
        devices: deps.devices,
        guard,
        lines,
        ...(deps.deviceHealth ? { health: deps.deviceHealth } : {}),
      });
      registerLineRoutes(api, { lines, guard });
      registerTraceApi(api, domain);
      for (const register of deps.routes ?? []) register(api, guard);
      registerDeviceRoutes(api, {
        guard,
        devices: deps.devices,
        overview: new DeviceOverviewQuery(deps.db, deps.devices, deps.deviceHealth),
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
  return { hub, lines, bridge };
}
