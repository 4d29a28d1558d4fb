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
/** The live weight stream for the kiosk: published by the station, never stored. */
export const liveTopic = (deviceId: string): string => deviceTopic(deviceId, "live");
export const stationTopic = (event: string): string => `${STATION_PREFIX}${event}`;

/** Longest topic the station accepts; the contract's topics are far shorter. */
export const MAX_TOPIC_LENGTH = 256;

/**
 * Why a topic cannot be used, or undefined when it can. MQTT 3.1.1 §1.5.3 forbids U+0000 and
 * discourages control characters (U+0001–U+001F, U+007F–U+009F); the station refuses both,
 * since they end up in logs, the database and the kiosk.
 */
export function topicFault(topic: string): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  if (/[\u0000-\u001f\u007f-\u009f]/.test(topic))
    return "主题含控制字符 / topic contains a control character";
  if (topic.length > MAX_TOPIC_LENGTH) return `主题超过 ${MAX_TOPIC_LENGTH} 字符 / topic too long`;
  return undefined;
}
