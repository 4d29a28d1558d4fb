import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { validateConfig } from "../../../edge/config/load.js";
import { systemClock } from "../../../edge/core/clock.js";
import { silentLogger } from "../../../edge/core/logger.js";
import { PrintService } from "../../../edge/printing/print-service.js";
import { domainLabelRecords } from "../../../edge/printing/record-labels.js";
import {
  DAY,
  type DomainFixture,
  MAY_1,
  openDomainFixture,
  seedTomatoFarm,
} from "../../helpers/domain-fixture.js";
import { parseEscpos } from "../../helpers/escpos-stream.js";
import { waitFor } from "../../helpers/poll.js";
import { waitForState } from "../../helpers/printing-fixture.js";
import { decodeQrPng } from "../../helpers/qr-decode.js";
import { startTestStation, type TestStation } from "../../helpers/station.js";

let f: DomainFixture | undefined;
let printing: PrintService | undefined;
let station: TestStation | undefined;

afterEach(async () => {
  await printing?.stop();
  printing = undefined;
  f?.close();
  f = undefined;
  await station?.stop();
  station = undefined;
});

describe("labels from the station's records", () => {
  it("prints a package and its batch certificate from the domain, on the demo preview printer", async () => {
    f = openDomainFixture({ now: MAY_1 + 10 * DAY });
    seedTomatoFarm(f.domain);
    f.domain.master.putProduct({
      id: "tomato",
      name: "番茄",
      category: "vegetables",
      crop: "番茄",
      unit: "kg",
      gtin: "6901234567892",
    });
    const batch = f.domain.batches.open({ productId: "tomato", siteIds: ["gh1"], windowStart: MAY_1 });
    const pkg = f.domain.packages.add(batch.lot, { netKg: 2.5, weighedAt: MAY_1 + 10 * DAY });
    f.domain.batches.close(batch.lot, { harvestAt: MAY_1 + 10 * DAY });
    const cert = f.domain.certificates.issue({
      lot: batch.lot,
      basis: ["quality_control"],
    }).certificate;

    // No printer configured and the demo on: the preview printer of `npm start`.
    const { config } = validateConfig({ dataDir: f.dir });
    printing = new PrintService({
      db: f.db,
      config,
      dataDir: f.dir,
      clock: systemClock,
      log: silentLogger(),
      records: domainLabelRecords(f.domain),
      pollMs: 200,
    });
    expect(printing.printerNames()).toEqual(["preview"]);
    await printing.start();

    const label = printing.enqueuePackage(pkg.serial);
    const certificate = printing.enqueueCertificate(cert.number);
    await waitForState(printing, label.id, ["done"]);
    await waitForState(printing, certificate.id, ["done"]);

    const previews = join(f.dir, "previews");
    expect(readdirSync(previews)).toHaveLength(4);
    const file = (id: number, ext: string) => {
      const prefix = `job-${String(id).padStart(6, "0")}-`;
      const name = readdirSync(previews).find((n) => n.startsWith(prefix) && n.endsWith(ext));
      return join(previews, name ?? `${prefix}missing${ext}`);
    };
    const png = (id: number) => file(id, ".png");
    const bin = (id: number) => file(id, ".bin");
    const digitalLink = `http://trace-station.local:8080/01/06901234567892/10/${batch.lot}/21/${String(pkg.seq).padStart(3, "0")}`;
    expect(decodeQrPng(readFileSync(png(label.id)))).toBe(digitalLink);
    const packageBytes = parseEscpos(readFileSync(bin(label.id)));
    expect(packageBytes.qrPayloads).toEqual([digitalLink]);
    expect(packageBytes.lines.join("\n")).toContain("番茄");
    expect(packageBytes.lines.join("\n")).toContain("2.500 kg");
    expect(packageBytes.lines.join("\n")).toContain("福建省福州市");

    const certBytes = parseEscpos(readFileSync(bin(certificate.id)));
    const text = certBytes.lines.join("\n");
    for (const s of [
      "承诺达标合格证",
      cert.number,
      "绿源蔬菜专业合作社",
      "√质量安全控制符合要求",
      "□自行检测合格",
      "□委托检测合格",
    ]) {
      expect(text).toContain(s);
    }
    expect(decodeQrPng(readFileSync(png(certificate.id)))).toBe(
      `http://trace-station.local:8080/01/06901234567892/10/${batch.lot}`,
    );

    // A second print is refused unless it is an explicit reprint, which says 补打 and is counted.
    expect(() => printing?.enqueueCertificate(cert.number)).toThrow(/补打/);
    const again = printing.enqueueCertificate(cert.number, { reprint: true, by: "张三" });
    await waitForState(printing, again.id, ["done"]);
    expect(f.domain.certificates.require(cert.number).reprintCount).toBe(1);
    const reprinted = parseEscpos(readFileSync(bin(again.id)));
    expect(reprinted.lines.join("\n")).toContain("补打");

    f.domain.certificates.void(cert.number, "数量填错");
    expect(() => printing?.enqueueCertificate(cert.number, { reprint: true })).toThrow(/作废/);
    expect(() => printing?.enqueuePackage("NOPE-0001")).toThrow(/没有包装/);
  });

  it("the station exposes the queue as Station.printing and runs it", async () => {
    station = await startTestStation({ demo: { enabled: true } });
    const printing = station.station.printing;
    expect(printing.printerNames()).toEqual(["preview"]);
    const seen: string[] = [];
    station.station.broker.aedes.subscribe(
      "trace/v1/station/print/#",
      (packet, done) => {
        seen.push(packet.topic);
        done();
      },
      () => {},
    );
    const job = printing.enqueueTestPage("preview");
    await waitForState(printing, job.id, ["done"]);
    await waitFor(() => (seen.includes("trace/v1/station/print/done") ? true : undefined), {
      what: "print/done event",
      timeoutMs: 60_000,
    });
    // The printer was idle: the job was made already sending (claimed in the commit that made it).
    expect(seen).toContain("trace/v1/station/print/sending");
    expect(existsSync(join(station.dataDir, "previews"))).toBe(true);
    expect((await printing.printers())[0]).toMatchObject({ name: "preview", ready: true, jobs: { done: 1 } });
  });
});
