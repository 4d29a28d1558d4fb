/** The parts of EPCIS 2.0 JSON-LD events the station emits (EPCIS 2.0 §7, JSON binding). */
export interface QuantityElement {
  epcClass: string;
  quantity?: number;
  uom?: string;
}

export interface SensorReport {
  type: string;
  uom?: string;
  minValue?: number;
  maxValue?: number;
  meanValue?: number;
  [extension: `ts:${string}`]: unknown;
}

export interface SensorElement {
  sensorMetadata?: { startTime?: string; endTime?: string; time?: string };
  sensorReport: SensorReport[];
}

/** CBV 2.0 §7.4 source/destination: who owned or held the goods, or where they were. */
export interface SourceElement {
  type: "owning_party" | "possessing_party" | "location";
  source: string;
}
export interface DestinationElement {
  type: "owning_party" | "possessing_party" | "location";
  destination: string;
}

interface EventBase {
  eventID: string;
  eventTime: string;
  eventTimeZoneOffset: string;
  recordTime?: string;
  bizStep?: string;
  disposition?: string;
  readPoint?: { id: string };
  bizLocation?: { id: string };
  sourceList?: SourceElement[];
  destinationList?: DestinationElement[];
  [extension: `ts:${string}`]: unknown;
}

export interface ObjectEvent extends EventBase {
  type: "ObjectEvent";
  action: "ADD" | "OBSERVE" | "DELETE";
  epcList?: string[];
  quantityList?: QuantityElement[];
  sensorElementList?: SensorElement[];
  ilmd?: Record<string, unknown>;
}

export interface TransformationEvent extends EventBase {
  type: "TransformationEvent";
  inputEPCList?: string[];
  inputQuantityList?: QuantityElement[];
  outputEPCList?: string[];
  outputQuantityList?: QuantityElement[];
  ilmd?: Record<string, unknown>;
}

export interface AggregationEvent extends EventBase {
  type: "AggregationEvent";
  action: "ADD" | "OBSERVE" | "DELETE";
  parentID: string;
  childEPCs?: string[];
  childQuantityList?: QuantityElement[];
}

export type EpcisEvent = ObjectEvent | TransformationEvent | AggregationEvent;
