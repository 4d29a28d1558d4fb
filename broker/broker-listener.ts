import type { StationService } from "../edge/core/station-service.js";
import type { ListeningAddress, MqttBroker } from "./mqtt-broker.js";

/**
 * The broker's listening sockets as a component of their own. It starts after the broker,
 * the projector and the group committer, and so stops before them: on a stop, new
 * connections are refused first, while connected clients still get the PUBACKs of what the
 * committer then commits; only the broker's own stop drops them (DESIGN.md "Delivery promise").
 */
export class BrokerListener implements StationService {
  readonly name = "broker-listener";
  private bound: readonly ListeningAddress[] = [];

  constructor(private readonly broker: Pick<MqttBroker, "listen" | "stopListening">) {}

  /** The ports actually bound (a configured port 0 picks a free one). */
  get addresses(): readonly ListeningAddress[] {
    return this.bound;
  }

  async start(): Promise<void> {
    this.bound = await this.broker.listen();
  }

  async stop(): Promise<void> {
    this.broker.stopListening();
  }
}
