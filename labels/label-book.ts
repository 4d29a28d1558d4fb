import "./label-codes.js";
import { localDateTime } from "../edge/core/local-day.js";
import { StationError } from "../edge/core/station-error.js";
import {
  type CertificateBasis,
  type CertificateLabelData,
  formatQuantity,
  type PackageLabelData,
} from "./label-data.js";
import type { Label } from "./layout.js";
import { buildQrUrl, type QrUrlSettings } from "./qr-url.js";
import { fillTemplate, type LabelTemplate } from "./template.js";

/** What the owner sets once (config `labels`), shared by every label. */
export interface LabelSettings {
  stationName: string;
  logoLine: string;
  timeZone: string;
  /** Placeholder names never printed, e.g. ["origin", "grade"]. */
  hiddenFields: readonly string[];
  qr: QrUrlSettings;
  commitment: { producer: string; buyer: string };
}

export interface BuiltLabel {
  label: Label;
  qrData: string;
}

const TICK = "√";
const NO_TICK = "□";

/**
 * Turns records into labels with the owner's templates and settings. A reprint says 补打 on
 * the label (DOMAIN.md §2: mark reprints).
 */
export class LabelBook {
  constructor(
    private readonly templates: ReadonlyMap<string, LabelTemplate>,
    private readonly settings: LabelSettings,
  ) {}

  template(id: string, kind: LabelTemplate["kind"]): LabelTemplate {
    const template = this.templates.get(id);
    if (!template || template.kind !== kind) {
      const known = [...this.templates.values()].filter((t) => t.kind === kind).map((t) => t.id);
      throw new StationError(
        "LABEL_TEMPLATE_UNKNOWN",
        `没有 ${kind} 模板 ${id}；可用 / known: ${known.join(", ")}`,
        {
          template: id,
        },
      );
    }
    return template;
  }

  templateIds(): string[] {
    return [...this.templates.keys()];
  }

  packageLabel(templateId: string, data: PackageLabelData, reprint: boolean): BuiltLabel {
    const qrData = buildQrUrl(this.settings.qr, {
      code: data.serial,
      lot: data.lot,
      // GS1 AI 21 (≤ 20 characters): the package's sequence in the lot, which AI 10 names.
      serial: data.serial.startsWith(`${data.lot}-`) ? data.serial.slice(data.lot.length + 1) : data.serial,
      ...(data.gtin ? { gtin: data.gtin } : {}),
    });
    const quantity =
      data.netKg !== undefined
        ? formatQuantity(data.netKg, "kg")
        : data.count
          ? formatQuantity(data.count.value, data.count.unit)
          : "";
    const values = {
      ...this.common(reprint),
      productName: data.productName,
      quantity,
      lot: data.lot,
      serial: data.serial,
      packedDate: localDateTime(data.packedAt, this.settings.timeZone).slice(0, 10),
      packedAt: localDateTime(data.packedAt, this.settings.timeZone),
      origin: data.origin ?? "",
      grade: data.grade ?? "",
      nationalCode: data.nationalCode ?? "",
      producer: data.producer ?? "",
      phone: data.phone ?? "",
      ...this.contactLines(data),
      manual: data.manual ? "手输" : "",
    };
    return this.build(this.template(templateId, "package"), values, qrData);
  }

  certificateLabel(templateId: string, data: CertificateLabelData, reprint: boolean): BuiltLabel {
    const qrData = buildQrUrl(this.settings.qr, {
      code: data.lot,
      lot: data.lot,
      ...(data.gtin ? { gtin: data.gtin } : {}),
    });
    const tick = (basis: CertificateBasis) => (data.basis.includes(basis) ? TICK : NO_TICK);
    const issuedAt = localDateTime(data.issuedAt, this.settings.timeZone);
    const values = {
      ...this.common(reprint),
      number: data.number,
      lot: data.lot,
      productName: data.productName,
      quantity: formatQuantity(data.quantity.value, data.quantity.unit),
      origin: data.origin,
      issuer: data.issuer,
      contact: data.contact,
      issuedAt,
      issuedDate: issuedAt.slice(0, 10),
      commitment: data.commitment ?? this.settings.commitment[data.style],
      basisControl: tick("quality_control"),
      basisOwnTest: tick("own_test"),
      basisCommissioned: tick("commissioned_test"),
      basisShort: `${tick("quality_control")}质控 ${tick("own_test")}自检 ${tick("commissioned_test")}委检`,
      nationalCode: data.nationalCode ?? "",
      quarantineNo: data.quarantineNo ?? "",
      issuedBy: data.issuedBy ?? "",
    };
    // 管理办法 (MARA order 2025 No. 4) content: hiding a field never removes a required one.
    const hidden = this.settings.hiddenFields.filter((f) => !REQUIRED_CERT_FIELDS.includes(f));
    const built = this.build(this.template(templateId, "certificate"), values, qrData, hidden);
    requireCertificateContent(templateId, built, [data.number, values.issuedDate]);
    return built;
  }

  testPage(printerName: string, printedAt: number): BuiltLabel {
    const qrData = buildQrUrl(this.settings.qr, { code: "TEST", lot: "TEST" });
    const values = {
      ...this.common(false),
      printerName,
      printedAt: localDateTime(printedAt, this.settings.timeZone),
      qrData,
    };
    return this.build(this.template("test-page", "test"), values, qrData);
  }

  /** 电话 and the owner's logo line share the last row; each left out when unknown or hidden. */
  private contactLines(data: PackageLabelData): Record<string, string> {
    const hidden = new Set(this.settings.hiddenFields);
    const phoneLine = data.phone && !hidden.has("phone") ? `电话：${data.phone}` : "";
    const logo = hidden.has("logoLine") ? "" : this.settings.logoLine;
    return { phoneLine, phoneOrLogo: phoneLine || logo ? "yes" : "" };
  }

  private common(reprint: boolean): Record<string, string> {
    return {
      stationName: this.settings.stationName,
      logoLine: this.settings.logoLine,
      reprint: reprint ? "补打" : "",
    };
  }

  private build(
    template: LabelTemplate,
    values: Record<string, string>,
    qrData: string,
    hiddenFields: readonly string[] = this.settings.hiddenFields,
  ): BuiltLabel {
    for (const hidden of hiddenFields) values[hidden] = "";
    return { label: fillTemplate(template, values, qrData), qrData };
  }
}

/** What a certificate must show (DOMAIN.md §2): no setting may hide these. */
const REQUIRED_CERT_FIELDS: readonly string[] = [
  "number",
  "productName",
  "quantity",
  "origin",
  "issuer",
  "contact",
  "issuedAt",
  "issuedDate",
];

/**
 * A certificate label whose template cut the number or the issue date (too narrow a line, a
 * missing placeholder) is refused rather than printed: small templates drop optional lines.
 */
function requireCertificateContent(templateId: string, built: BuiltLabel, required: readonly string[]): void {
  const text = built.label.elements.flatMap((e) => (e.kind === "text" ? [e.text] : [])).join("\n");
  const missing = required.filter((r) => !text.includes(r));
  if (missing.length > 0) {
    throw new StationError(
      "LABEL_TEMPLATE_INVALID",
      `合格证模板 ${templateId} 未完整印出编号和日期（缺 ${missing.join("、")}）：调宽该行或换大一号的模板 / template ${templateId} does not print ${missing.join(", ")} in full`,
      { templateId, missing },
    );
  }
}
