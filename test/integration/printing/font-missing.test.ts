import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ConfigError, validateConfig } from "../../../edge/config/load.js";
import { systemClock } from "../../../edge/core/clock.js";
import { createLogger } from "../../../edge/core/logger.js";
import { PrintService } from "../../../edge/printing/print-service.js";
import { openDatabase } from "../../../edge/store/database.js";
import { GlyphCache } from "../../../labels/glyph-cache.js";
import { rasterizeLabel } from "../../../labels/raster-label.js";
import { labelBook, packageData } from "../../helpers/label-fixtures.js";

describe("no Chinese font at all (a release packed without labels/fonts, or a named font gone)", () => {
  it("a labels.fontFile that does not exist is a config error, not blank labels later", () => {
    expect(() => validateConfig({ labels: { fontFile: "/nope/font.ttc" } })).toThrow(ConfigError);
  });

  it("the station says so with LABEL_FONT_MISSING and a remedy, and still renders the QR", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trace-nofont-"));
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
        done();
      },
    });
    // The font vanished after config loading accepted it (a card swapped, a package removed).
    const loaded = validateConfig({ dataDir: dir });
    const config = {
      ...loaded.config,
      labels: { ...loaded.config.labels, fontFile: join(dir, "missing.ttc") },
    };
    const db = openDatabase(dir);
    const printing = new PrintService({
      db,
      config,
      dataDir: dir,
      clock: systemClock,
      log: createLogger({ level: "info", destination: sink }),
    });
    try {
      expect(printing.glyphs.fontFile).toBeUndefined();
      await printing.start();
      const warning = lines.find((l) => l.code === "LABEL_FONT_MISSING");
      expect(String(warning?.msg)).toMatch(/fonts-noto-cjk/);
      // Text cells stay blank, the label's geometry and QR do not depend on the font.
      const glyphs = new GlyphCache(join(dir, "missing.ttc"));
      const bitmap = rasterizeLabel(
        labelBook().packageLabel("package-40x30", packageData, false).label,
        203,
        glyphs,
      );
      expect(bitmap.width).toBe(320);
      expect(bitmap.data.some((b) => b !== 0)).toBe(true);
    } finally {
      await printing.stop();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
