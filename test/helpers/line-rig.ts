import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { SCALE_PROTOCOLS } from "../../drivers/scale/protocols/index.js";
import type { ScaleProtocolId, SimulatedReading } from "../../drivers/scale/protocols/types.js";
import { serialSettings } from "../../drivers/serial-defaults.js";
import type { ByteTransport } from "../../drivers/transport/byte-transport.js";
import { SerialTransport } from "../../drivers/transport/serial-transport.js";
import { DeviceServer } from "./device-server.js";
import { parseEscpos, type RasterBand } from "./escpos-stream.js";
import { apiClient, DAY_MS, seedTomatoFarm } from "./kiosk-api.js";
import { type KioskTestStation, startKioskStation } from "./kiosk-station.js";
import { PrinterEndpoint } from "./printer-endpoint.js";
import { createPtyPair, type PtyPair } from "./pty.js";
import { decodeQr } from "./qr-decode.js";
import { removeDir, tempDir } from "./station.js";

/**
 * One indicator: on a pty pair (the station's driver opens `a`, the script writes to `b`), or
 * a network indicator behind a serial-over-TCP device server (the station connects to it).
 */
export class Indicator {
  private device: ByteTransport | undefined;

  constructor(
    readonly id: string,
    readonly protocol: ScaleProtocolId,
    readonly link: PtyPair | DeviceServer,
    private readonly frameMs: number,
  ) {}

  async open(): Promise<void> {
    if (this.link instanceof DeviceServer) {
      this.device = this.link;
      return;
    }
    const device = new SerialTransport(
      serialSettings({ path: this.link.b }, SCALE_PROTOCOLS[this.protocol].serial),
    );
    await device.open();
    this.device = device;
  }

  /** Send the indicator's frame for `reading` every frame interval for `ms`. */
  async hold(kg: number, ms: number, stable = true, extra: Partial<SimulatedReading> = {}): Promise<void> {
    const frame = SCALE_PROTOCOLS[this.protocol].encode({ kg, stable, ...extra });
    for (let t = 0; t < ms; t += this.frameMs) {
      await this.write(frame);
      await sleep(this.frameMs);
    }
  }

  /** Alternate between weights frame by frame (an indicator flickering by one division). */
  async flicker(values: number[], ms: number): Promise<void> {
    const p = SCALE_PROTOCOLS[this.protocol];
    for (let t = 0, i = 0; t < ms; t += this.frameMs, i++) {
      await this.write(p.encode({ kg: values[i % values.length] ?? 0, stable: true }));
      await sleep(this.frameMs);
    }
  }

  async write(bytes: Buffer): Promise<void> {
    if (!this.device) throw new Error("indicator not open");
    await this.device.write(bytes);
  }

  async close(): Promise<void> {
    await this.device?.close().catch(() => undefined);
  }
}

export interface PrintedLabel {
  /** QR content decoded from the printed raster image. */
  qr: string | undefined;
  text: string;
}

/**
 * A real station with serial scales on socat ptys (the real serialport binding) and an
 * ESC/POS printer on TCP that prints its QR codes as raster images, decoded back with jsQR.
 */
export interface LineRigOptions {
  /** More TCP printers besides `line`, by name (each a `PrinterEndpoint` in `printers`). */
  printers?: string[];
  /** A package template other than the default, by printer name. */
  templates?: Record<string, string>;
  /** The config's `lines`: which printer each scale's labels go to. */
  lines?: Array<{ scale: string; printer: string }>;
}

export class LineRig {
  readonly indicators = new Map<string, Indicator>();
  readonly printer = new PrinterEndpoint();
  /** Every printer endpoint by its name in the config, `line` included. */
  readonly printers = new Map<string, PrinterEndpoint>([["line", this.printer]]);
  station!: KioskTestStation;
  api!: ReturnType<typeof apiClient>;
  private readonly dir = tempDir("line");

  async start(
    scales: Array<{
      id: string;
      protocol: ScaleProtocolId;
      extra?: Record<string, unknown>;
      /** A network indicator on TCP (`serial.path: tcp://…`) instead of a pty. */
      tcp?: boolean;
    }>,
    frameMs = 50,
    options: LineRigOptions = {},
  ): Promise<void> {
    for (const name of options.printers ?? []) this.printers.set(name, new PrinterEndpoint());
    const printers = [];
    for (const [name, endpoint] of this.printers) {
      const port = await endpoint.listen();
      const template = options.templates?.[name];
      printers.push({
        name,
        kind: "escpos",
        qr: "raster",
        transport: { type: "tcp", host: "127.0.0.1", port },
        ...(template ? { packageTemplate: template } : {}),
      });
    }
    const config = [];
    for (const s of scales) {
      let link: PtyPair | DeviceServer;
      let path: string;
      if (s.tcp) {
        link = new DeviceServer();
        await link.plugIn();
        path = `tcp://127.0.0.1:${link.port}`;
      } else {
        const ptyDir = join(this.dir, s.id);
        mkdirSync(ptyDir);
        link = await createPtyPair(ptyDir);
        path = link.a;
      }
      this.indicators.set(s.id, new Indicator(s.id, s.protocol, link, frameMs));
      config.push({ id: s.id, protocol: s.protocol, serial: { path }, ...(s.extra ?? {}) });
    }
    this.station = await startKioskStation({
      drivers: { scales: config },
      printers,
      ...(options.lines ? { lines: options.lines } : {}),
      labels: { qr: { baseUrl: "http://station.test", useGtin: false } },
    });
    this.api = apiClient(this.station.baseUrl);
    await seedTomatoFarm(this.api);
    for (const indicator of this.indicators.values()) await indicator.open();
  }

  indicator(id: string): Indicator {
    const i = this.indicators.get(id);
    if (!i) throw new Error(`no indicator ${id}`);
    return i;
  }

  /** Open a batch and select it on the line; returns its lot. */
  async batchOn(line: string, settings: Record<string, unknown> = {}): Promise<string> {
    const opened = await this.api.kiosk("POST", "/api/batches", {
      productId: "tomato",
      siteIds: ["gh1"],
      windowStart: Date.now() - DAY_MS,
    });
    const lot = opened.body.batch.lot as string;
    await this.intent(line, { intent: "batch", lot });
    if (Object.keys(settings).length > 0) await this.intent(line, { intent: "settings", ...settings });
    return lot;
  }

  intent(line: string, body: Record<string, unknown>) {
    return this.api.kiosk("POST", `/api/lines/${line}/intents`, body);
  }

  async view(line: string) {
    return (await this.api.get(`/api/lines/${line}`)).body.line;
  }

  /** Packages of a batch as stored, and its totals. */
  async batch(
    lot: string,
  ): Promise<{ packages: Array<Record<string, unknown>>; totals: { count: number; netKg: number } }> {
    // With the PIN: who voided a package is an operator's name, kept from public reads.
    const detail = (await this.api.kiosk("GET", `/api/batches/${lot}`)).body;
    const all = (await this.api.kiosk("GET", `/api/batches/${lot}/packages`)).body.packages;
    return { packages: all, totals: detail.totals };
  }

  /** Wait until `count` packages of the batch are accepted (their labels' jobs done). */
  async settled(lot: string, count: number, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while ((await this.batch(lot)).totals.count < count) {
      if (Date.now() > deadline) throw new Error(`${lot}: fewer than ${count} packages accepted`);
      await sleep(50);
    }
  }

  /** Every label the printer (`line` unless named) received whose QR belongs to `lot`, in print order. */
  labels(lot: string, printer = "line"): PrintedLabel[] {
    const endpoint = this.printers.get(printer);
    if (!endpoint) throw new Error(`no printer ${printer}`);
    const out: PrintedLabel[] = [];
    endpoint.capture.connections.forEach((connection, index) => {
      const label = this.decoded(endpoint, index, connection);
      if (label?.qr?.includes(lot)) out.push(label);
    });
    return out;
  }

  /**
   * Each connection decoded once, when its job is complete (it ends with the status request
   * sent after the job): decoding every QR on every check would starve the station's own event
   * loop in this process and make its printer status waits time out.
   */
  private readonly caches = new Map<PrinterEndpoint, Map<number, PrintedLabel | null>>();
  private decoded(endpoint: PrinterEndpoint, index: number, connection: Buffer): PrintedLabel | null {
    const cache = this.caches.get(endpoint) ?? new Map<number, PrintedLabel | null>();
    this.caches.set(endpoint, cache);
    const cached = cache.get(index);
    if (cached !== undefined) return cached;
    if (connection.length < 64) return null;
    const tail = connection.subarray(-6);
    if (!(tail[0] === 0x10 && tail[1] === 0x04 && tail[3] === 0x10 && tail[4] === 0x04)) return null;
    const parsed = parseEscpos(connection);
    const qr = stacked(parsed.rasters)
      .map(decodeRaster)
      .find((q) => q !== undefined);
    const label = { qr, text: parsed.lines.join("\n") };
    cache.set(index, label);
    return label;
  }

  async stop(): Promise<void> {
    for (const i of this.indicators.values()) await i.close();
    await this.station?.stop();
    for (const i of this.indicators.values()) await i.link.unplug();
    for (const endpoint of this.printers.values()) await endpoint.close();
    if (this.station) removeDir(this.station.dataDir);
    removeDir(this.dir);
  }
}

/** Consecutive bands of one width are one image: a tall QR is sent in several `GS v 0` bands. */
function stacked(bands: RasterBand[]): RasterBand[] {
  const out: RasterBand[] = [];
  for (const band of bands) {
    const prev = out.at(-1);
    if (prev && prev.width === band.width && prev.rowBytes === band.rowBytes) {
      const data = new Uint8Array(prev.data.length + band.data.length);
      data.set(prev.data);
      data.set(band.data, prev.data.length);
      out[out.length - 1] = { ...prev, height: prev.height + band.height, data };
    } else out.push(band);
  }
  return out;
}

/** A 1-bit raster (1 = black) as RGBA with a white quiet zone, scaled ×2, through jsQR. */
function decodeRaster(band: RasterBand): string | undefined {
  const margin = 16;
  const scale = 2;
  const width = (band.width + margin * 2) * scale;
  const height = (band.height + margin * 2) * scale;
  const rgba = new Uint8ClampedArray(width * height * 4).fill(255);
  for (let y = 0; y < band.height; y++) {
    for (let x = 0; x < band.width; x++) {
      const byte = band.data[y * band.rowBytes + (x >> 3)] ?? 0;
      if (!(byte & (0x80 >> (x & 7)))) continue;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const i = (((y + margin) * scale + dy) * width + (x + margin) * scale + dx) * 4;
          rgba[i] = 0;
          rgba[i + 1] = 0;
          rgba[i + 2] = 0;
        }
      }
    }
  }
  return decodeQr(rgba, width, height);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
