/** What a registered device is; drivers register their own devices with one of these. */
export const DEVICE_KINDS = ["sensor", "scale", "sprayer", "scanner", "tester", "printer"] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];
