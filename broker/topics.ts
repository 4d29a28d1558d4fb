/**
 * The public MQTT contract (DESIGN.md), version 1. Device makers build against these topics;
 * a change here is a new version, never an edit.
 */
export const TOPIC_ROOT = "trace/v1";
export const DEVICE_PREFIX = `${TOPIC_ROOT}/dev/`;
export const STATION_PREFIX = `${TOPIC_ROOT}/station/`;

/** What a device may publish. */
/** "ack": a device answering a station command it got under its cmd/ (added in v1, additive). */
export const DEVICE_MESSAGE_KINDS = ["reading", "weight", "input", "scan", "test", "status", "ack"] as const;
export type DeviceMessageKind = (typeof DEVICE_MESSAGE_KINDS)[number];

export const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export interface DeviceTopic {
  deviceId: string;
  /** First level after the device id: "reading", "cmd", "error", or anything a device sent. */
  leaf: string;
  /** Levels after the leaf (commands have them). */
  rest: string[];
}

export function parseDeviceTopic(topic: string): DeviceTopic | undefined {
  if (!topic.startsWith(DEVICE_PREFIX)) return undefined;
  const [deviceId, leaf, ...rest] = topic.slice(DEVICE_PREFIX.length).split("/");
  if (!deviceId || leaf === undefined) return undefined;
  return { deviceId, leaf, rest };
}

export function isDeviceMessageKind(leaf: string): leaf is DeviceMessageKind {
  return (DEVICE_MESSAGE_KINDS as readonly string[]).includes(leaf);
}

export const deviceTopic = (deviceId: string, leaf: string): string => `${DEVICE_PREFIX}${deviceId}/${leaf}`;
export const errorTopic = (deviceId: string): string => deviceTopic(deviceId, "error");
export const stationTopic = (event: string): string => `${STATION_PREFIX}${event}`;
