import type { StationService } from "./station-service.js";

/** Subscribes one component's events to another's input; returns what unsubscribes them. */
export type EventLink = () => () => void;

/**
 * Subscriptions between components (domain events to station topics, alarms to the kiosk's
 * live feed, …) as a component of the lifecycle: made in `start`, undone in `stop`.
 */
export class EventLinks implements StationService {
  private readonly undo: Array<() => void> = [];

  constructor(
    readonly name: string,
    private readonly links: readonly EventLink[],
  ) {}

  async start(): Promise<void> {
    for (const link of this.links) this.undo.push(link());
  }

  async stop(): Promise<void> {
    for (let off = this.undo.pop(); off; off = this.undo.pop()) off();
  }
}
