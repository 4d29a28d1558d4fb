/**
 * A part of the running station with a life cycle (broker, drivers, print queue, uplink,
 * HTTP). The composition root starts them in order and stops them in reverse.
 */
export interface StationService {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}
