import type { Logger } from "./logger.js";
import type { StationService } from "./station-service.js";

/**
 * The station's components in one ordered list: `start` starts them in that order, `stop`
 * stops the started ones in reverse. A component whose start fails is stopped too (it may
 * have half-started: a thread, a socket), then the ones before it, and the error goes on: a
 * half-started station must not linger, its writer thread alone would keep the process alive.
 * A component that does not stop cleanly is logged and the rest still stop.
 */
export class Lifecycle {
  private readonly started: StationService[] = [];
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly components: readonly StationService[],
    private readonly log: Logger,
  ) {}

  /** The component names in start order (stop order is the reverse). */
  get order(): readonly string[] {
    return this.components.map((c) => c.name);
  }

  async start(): Promise<void> {
    for (const component of this.components) {
      // A stop during the start: what is started is being stopped, start nothing more.
      if (this.stopping) return;
      this.started.push(component);
      try {
        await component.start();
      } catch (err) {
        await this.stop();
        throw err;
      }
    }
  }

  /** Stops once; a second call waits for the first. */
  stop(): Promise<void> {
    this.stopping ??= this.stopStarted();
    return this.stopping;
  }

  private async stopStarted(): Promise<void> {
    for (let component = this.started.pop(); component; component = this.started.pop()) {
      try {
        await component.stop();
      } catch (err) {
        this.log.error({ service: component.name, err }, "service did not stop cleanly");
      }
    }
  }
}

/** A component made of its two steps, for a step of the composition that is no class of its own. */
export function lifecycleStep(
  name: string,
  steps: { start?: () => unknown; stop?: () => unknown },
): StationService {
  return {
    name,
    async start() {
      await steps.start?.();
    },
    async stop() {
      await steps.stop?.();
    },
  };
}
