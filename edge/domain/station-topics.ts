import { stationTopic } from "../../broker/topics.js";
import { DOMAIN_EVENT_NAMES, type DomainEvents } from "./domain-events.js";

/**
 * Forward domain events to station topics (DESIGN.md: `trace/v1/station/#`, station events
 * such as batch opened or certificate issued), e.g. `trace/v1/station/certificate/issued`.
 * Live data only, not retained: the records themselves go upward through the outbox.
 */
export function forwardDomainEvents(
  events: DomainEvents,
  publish: (topic: string, payload: string) => void,
): () => void {
  const undo = DOMAIN_EVENT_NAMES.map((name) => {
    const topic = stationTopic(name.replace(".", "/"));
    const announce = (...[record]: unknown[]) => {
      try {
        publish(topic, JSON.stringify(record));
      } catch {
        // Live notice only: the record is written and goes upward through the outbox anyway.
      }
    };
    events.on(name, announce);
    return () => events.off(name, announce);
  });
  return () => {
    for (const off of undo) off();
  };
}
