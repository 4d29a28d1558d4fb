import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from "fastify";
import type { StationConfig } from "../config/schema.js";
import { listenError } from "../core/listen-error.js";
import type { Logger } from "../core/logger.js";
import type { StationService } from "../core/station-service.js";

/**
 * The station's one HTTP server (kiosk, REST API, trace pages, /metrics, /healthz).
 * Components register their routes on `app` before the station starts; the service then binds
 * the configured address.
 */
export class HttpServer implements StationService {
  readonly name = "http";
  readonly app: FastifyInstance;
  private boundPort: number | undefined;

  constructor(
    private readonly config: StationConfig["http"],
    log: Logger,
  ) {
    this.app = Fastify({
      loggerInstance: log.child({ component: "http" }) as FastifyBaseLogger,
      // Per-request lines would drown the journal on a kiosk polling every second.
      logController: new LogController({ disableRequestLogging: true }),
    });
  }

  /** The port bound at `start` (a configured port 0 picks a free one). */
  get port(): number | undefined {
    return this.boundPort;
  }

  async start(): Promise<void> {
    try {
      await this.app.listen({ host: this.config.host, port: this.config.port });
    } catch (err) {
      throw listenError(err as Error, "HTTP", this.config.host, this.config.port);
    }
    const address = this.app.server.address();
    this.boundPort = typeof address === "object" && address ? address.port : this.config.port;
  }

  async stop(): Promise<void> {
    await this.app.close();
  }
}
