import type { FastifyInstance } from "fastify";
import type { DeviceHealth } from "../../drivers/device-health.js";
import type { Alarm } from "./alarms.js";
import type { StationMetrics } from "./metrics.js";

export interface HealthSource {
  alarms(): Alarm[];
  intakePaused(): string | undefined;
  startedAt(): number | undefined;
  now(): number;
  /** Station-driven devices, so `doctor` can report them against a running station. */
  devices?(): readonly DeviceHealth[];
}

/**
 * `/metrics` (Prometheus text format) and `/healthz`: liveness is any answer at all (the event
 * loop turns and HTTP is up); the body says whether the station is ready and which alarms are
 * active, and `/healthz?ready=1` answers 503 while it is not ready to take readings.
 */
export function registerOpsRoutes(
  app: FastifyInstance,
  deps: { metrics: StationMetrics | undefined; health: HealthSource },
): void {
  const { metrics, health } = deps;
  if (metrics) {
    app.get("/metrics", async (_req, reply) => {
      const { contentType, body } = await metrics.render();
      return reply.type(contentType).send(body);
    });
  }
  app.get<{ Querystring: { ready?: string } }>("/healthz", async (req, reply) => {
    const startedAt = health.startedAt();
    const paused = health.intakePaused();
    const ready = startedAt !== undefined && paused === undefined;
    const body = {
      status: health.alarms().length === 0 ? "ok" : "degraded",
      ready,
      uptimeSec: startedAt === undefined ? 0 : Math.round((health.now() - startedAt) / 1000),
      intake: { paused: paused ?? null },
      alarms: health.alarms(),
      devices: (health.devices?.() ?? []).map((d) => ({
        id: d.id,
        kind: d.kind,
        port: d.port,
        online: d.online,
        problem: d.problem,
      })),
    };
    const wantReady = req.query.ready !== undefined && req.query.ready !== "0";
    return reply.code(wantReady && !ready ? 503 : 200).send(body);
  });
}
