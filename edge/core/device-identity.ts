/**
 * A device id: also its MQTT username and its topic level (`trace/v1/dev/{id}/...`), so ASCII
 * letters, digits, - and _ only. The broker's registry and the drivers' config both check it.
 */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** What a registered device is; drivers register their own devices with one of these. */
export const DEVICE_KINDS = ["sensor", "scale", "sprayer", "scanner", "tester", "printer"] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];
