/**
 * What doctor must reach, found in the validated config by shape rather than by section, so a
 * component's new device section is checked without doctor knowing it: any `path`/`device`
 * under /dev/ is a device file (a printer when its config path mentions printing), any
 * `host` under a printing section is a network printer, and every uplink `url` an upstream.
 */

export interface DeviceTarget {
  /** Config path, e.g. /drivers/scales/0/serial/path. */
  at: string;
  path: string;
}

export interface PrinterTarget {
  at: string;
  /** Network printers: raw TCP (port 9100 by default). */
  host?: string;
  port?: number;
  /** Device-file printers (/dev/usb/lp0). */
  path?: string;
  /** Command language when the config names it: enables the paper-status query. */
  language?: "escpos" | "tspl";
}

export interface UpstreamTarget {
  at: string;
  url: string;
  host: string;
  port: number;
}

export interface ConfigTargets {
  serial: DeviceTarget[];
  printers: PrinterTarget[];
  upstream: UpstreamTarget[];
}

const DEFAULT_PORTS: Record<string, number> = {
  "mqtt:": 1883,
  "tcp:": 1883,
  "mqtts:": 8883,
  "tls:": 8883,
  "ws:": 80,
  "wss:": 443,
  "http:": 80,
  "https:": 443,
};

export function configTargets(config: unknown): ConfigTargets {
  const targets: ConfigTargets = { serial: [], printers: [], upstream: [] };
  walk(config, "", targets, undefined);
  return targets;
}

type Language = "escpos" | "tspl";

function walk(node: unknown, at: string, out: ConfigTargets, inherited: Language | undefined): void {
  if (Array.isArray(node)) {
    for (const [i, child] of node.entries()) walk(child, `${at}/${i}`, out, inherited);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const obj = node as Record<string, unknown>;
  const inPrinting = /print/i.test(at);
  const inUplink = at.startsWith("/uplink");
  // A printer's language may sit beside its link ({kind: "tspl", transport: {type: "tcp", host}}).
  const language =
    [obj.kind, obj.language, obj.protocol, obj.type, obj.driver].find(
      (v): v is Language => v === "escpos" || v === "tspl",
    ) ?? inherited;
  if (inPrinting && (typeof obj.host === "string" || isDevPath(obj.path) || isDevPath(obj.device))) {
    const path = isDevPath(obj.path) ? obj.path : isDevPath(obj.device) ? obj.device : undefined;
    out.printers.push({
      at,
      ...(typeof obj.host === "string"
        ? { host: obj.host, port: typeof obj.port === "number" ? obj.port : 9100 }
        : {}),
      ...(path ? { path } : {}),
      ...(language ? { language } : {}),
    });
    return;
  }
  for (const [key, value] of Object.entries(obj)) {
    const here = `${at}/${key}`;
    if ((key === "path" || key === "device") && isDevPath(value) && !inPrinting) {
      out.serial.push({ at: here, path: value });
    } else if (key === "url" && inUplink && typeof value === "string") {
      const upstream = parseUpstream(here, value);
      if (upstream) out.upstream.push(upstream);
    } else {
      walk(value, here, out, language);
    }
  }
}

function isDevPath(value: unknown): value is string {
  return typeof value === "string" && value.startsWith("/dev/");
}

function parseUpstream(at: string, url: string): UpstreamTarget | undefined {
  try {
    const u = new URL(url);
    const port = u.port ? Number(u.port) : DEFAULT_PORTS[u.protocol];
    if (!port || !u.hostname) return undefined;
    return { at, url: `${u.protocol}//${u.host}`, host: u.hostname.replace(/^\[|\]$/g, ""), port };
  } catch {
    return undefined;
  }
}
