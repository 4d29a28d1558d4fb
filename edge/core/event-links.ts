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

/** What a link needs of an event emitter. */
interface Subscribable<E extends string, L> {
  on(event: E, listener: L): unknown;
  off(event: E, listener: L): unknown;
}

/** The link that adds `listener` for `event` in `start` and removes it in `stop`. */
export function listen<E extends string, L>(emitter: Subscribable<E, L>, event: E, listener: L): EventLink {
  return () => {
    emitter.on(event, listener);
    return () => {
      emitter.off(event, listener);
    };
  };
}
