import "../../drivers/printer/printer-codes.js";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DeviceFileTransport } from "../../drivers/printer/device-file-transport.js";
import {
  askPrinterStatus,
  type LinkOptions,
  type SendOutcome,
  sendJob,
} from "../../drivers/printer/printer-link.js";
import { escposStatus, type StatusProtocol, tsplStatus } from "../../drivers/printer/printer-status.js";
import { TcpTransport } from "../../drivers/printer/tcp-transport.js";
import type { ByteTransport } from "../../drivers/transport/byte-transport.js";
import { SerialTransport } from "../../drivers/transport/serial-transport.js";
import { encodeEscpos } from "../../labels/escpos/encode-escpos.js";
import type { GlyphCache } from "../../labels/glyph-cache.js";
import type { Label } from "../../labels/layout.js";
import { encodePng } from "../../labels/png.js";
import { rasterizeLabel } from "../../labels/raster-label.js";
import { encodeTspl } from "../../labels/tspl/encode-tspl.js";
import type { Clock } from "../core/clock.js";
import type { PrinterConfig } from "./printing-config-schema.js";

/** What `printers` and the kiosk show for one printer. */
export interface PrinterReport {
  name: string;
  kind: PrinterConfig["kind"];
  link: string;
  /** reachable and ready; false with `code` and `detail` saying why; null when the printer cannot tell. */
  ready: boolean | null;
  code?: string;
  detail: string;
}

/** A configured printer: how a label becomes bytes and how the bytes reach the paper. */
export class PrinterBackend {
  readonly name: string;
  /** One user of the link at a time: a serial port or a single-connection 9100 port has one. */
  private linkTurn: Promise<unknown> = Promise.resolve();

  constructor(
    readonly config: PrinterConfig,
    private readonly glyphs: GlyphCache,
    private readonly clock: Clock,
    private readonly previewDir: string,
  ) {
    this.name = config.name;
  }

  get link(): string {
    const t = this.config.transport;
    if (this.config.kind === "preview" || !t) return `file://${this.previewDir}`;
    return t.type === "tcp" ? `tcp://${t.host}:${t.port}` : t.path;
  }

  /** The printer-language bytes for a label (the preview printer stores ESC/POS). */
  encode(label: Label): Buffer {
    const c = this.config;
    if (c.kind === "tspl") {
      return encodeTspl(
        label,
        { dpi: c.dpi, gapMm: c.gapMm, direction: c.direction, copies: 1 },
        this.glyphs,
      );
    }
    return encodeEscpos(
      label,
      { dpi: c.dpi, mode: c.escposMode, qr: c.qr, kanjiMode: c.kanjiMode, cut: c.cut },
      this.glyphs,
    );
  }

  png(label: Label): Buffer {
    return encodePng(rasterizeLabel(label, this.config.dpi, this.glyphs));
  }

  async deliver(jobName: string, label: Label, beforeSend: () => boolean): Promise<SendOutcome> {
    const bytes = this.encode(label);
    if (this.config.kind === "preview") {
      mkdirSync(this.previewDir, { recursive: true });
      if (!beforeSend()) return { kind: "skipped" };
      writeFileSync(join(this.previewDir, `${jobName}.bin`), bytes);
      writeFileSync(join(this.previewDir, `${jobName}.png`), this.png(label));
      return { kind: "done" };
    }
    return this.exclusive(() => sendJob(this.transport(), bytes, this.linkOptions(), this.clock, beforeSend));
  }

  /** Run `fn` when the link is free; status checks wait for a job in progress and vice versa. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.linkTurn.then(fn, fn);
    this.linkTurn = run.catch(() => {});
    return run;
  }

  async report(): Promise<PrinterReport> {
    if (this.config.kind === "preview") {
      return {
        name: this.name,
        kind: this.config.kind,
        link: this.link,
        ready: true,
        detail: "预览文件 / preview files",
      };
    }
    return this.exclusive(() => this.askStatus());
  }

  private async askStatus(): Promise<PrinterReport> {
    const base = { name: this.name, kind: this.config.kind, link: this.link };
    const query = await askPrinterStatus(this.transport(), this.linkOptions(), this.clock);
    switch (query.kind) {
      case "unreachable":
        return { ...base, ready: false, code: "PRINTER_UNREACHABLE", detail: query.message };
      case "no-status":
        return { ...base, ready: null, detail: "已连接，不回报状态 / connected, no status" };
      case "no-answer":
        return { ...base, ready: null, detail: "已连接，未应答状态查询 / connected, no status answer" };
      case "status": {
        const s = query.status;
        return { ...base, ready: s.ready, ...(s.code ? { code: s.code } : {}), detail: s.detail };
      }
    }
  }

  private statusProtocol(): StatusProtocol | undefined {
    // usblp device files are write-only here (see DeviceFileTransport).
    if (!this.config.statusQuery || this.config.transport?.type === "device") return undefined;
    return this.config.kind === "tspl" ? tsplStatus : escposStatus;
  }

  private linkOptions(): LinkOptions {
    return { status: this.statusProtocol(), statusTimeoutMs: this.config.statusTimeoutMs };
  }

  private transport(): ByteTransport {
    const t = this.config.transport;
    if (!t) throw new Error(`printer ${this.name} has no transport`);
    if (t.type === "tcp") return new TcpTransport(t.host, t.port, this.config.connectTimeoutMs, this.clock);
    if (t.type === "device") return new DeviceFileTransport(t.path);
    return new SerialTransport({
      path: t.path,
      baudRate: t.baudRate,
      dataBits: t.dataBits,
      parity: t.parity,
      stopBits: t.stopBits,
    });
  }
}
