import "../domain/domain-codes.js";
import "./printing-codes.js";
import type { CertificateLabelData, PackageLabelData } from "../../labels/label-data.js";
import { StationError } from "../core/station-error.js";
import type { Domain } from "../domain/domain.js";

/** Where the print queue gets what a package label or certificate shows. */
export interface LabelRecords {
  packageLabel(serial: string): PackageLabelData;
  certificateLabel(number: string): CertificateLabelData;
  /** Count an explicit reprint on the record itself (certificates keep a reprint count). */
  noteReprint(kind: "package" | "certificate", ref: string): void;
  /**
   * The first label of a record is done, in the transaction that marks its job done: a package
   * still labelling counts from now on (it exists when its label is printed), so a crash can
   * never leave a printed label whose package does not count.
   */
  labelPrinted(kind: "package" | "certificate", ref: string): void;
  /** The scale a package was weighed on, whose line may name its printer (config `lines`). */
  packageScale(serial: string): string | null;
}

/** Label content from the batches component's records (edge/domain). */
export function domainLabelRecords(domain: Domain): LabelRecords {
  return {
    packageLabel(serial) {
      const pkg = domain.packages.get(serial);
      if (!pkg)
        throw new StationError("PRINT_RECORD_NOT_FOUND", `没有包装 ${serial} / no such package`, { serial });
      const batch = domain.batches.require(pkg.lot);
      const product = domain.master.requireProduct(batch.productId);
      const subject = domain.master.subject();
      const origin = subject?.originRegion;
      return {
        serial: pkg.serial,
        lot: pkg.lot,
        productName: product.name,
        netKg: pkg.netKg,
        packedAt: pkg.weighedAt,
        ...(origin ? { origin } : {}),
        ...(product.gtin ? { gtin: product.gtin } : {}),
        ...(batch.nationalCode ? { nationalCode: batch.nationalCode } : {}),
        ...(subject?.name ? { producer: subject.name } : {}),
        ...(subject?.contact ? { phone: subject.contact } : {}),
        ...(pkg.source === "manual" ? { manual: true } : {}),
      };
    },
    certificateLabel(number) {
      const cert = domain.certificates.get(number);
      if (!cert)
        throw new StationError("PRINT_RECORD_NOT_FOUND", `没有合格证 ${number} / no such certificate`, {
          number,
        });
      if (cert.status === "void") {
        throw new StationError("DOMAIN_CERT_VOID", `合格证 ${number} 已作废，不能打印 / void, not printed`, {
          number,
        });
      }
      if (cert.status === "review") {
        throw new StationError(
          "DOMAIN_CERT_REVIEW",
          `合格证 ${number} 待复核，不能打印 / under review, not printed`,
          {
            number,
          },
        );
      }
      const c = cert.content;
      const batch = domain.batches.get(cert.lot);
      const gtin = batch ? domain.master.product(batch.productId)?.gtin : undefined;
      return {
        number: cert.number,
        style: cert.style,
        lot: cert.lot,
        productName: c.productName,
        quantity: { value: c.quantity, unit: c.unit },
        origin: c.origin ?? "",
        issuer: c.subjectName,
        contact: c.contact ?? "",
        issuedAt: cert.issuedAt,
        basis: cert.basis,
        commitment: c.commitment.zh,
        ...(gtin ? { gtin } : {}),
        ...(c.nationalCode ? { nationalCode: c.nationalCode } : {}),
        ...(c.quarantineNo ? { quarantineNo: c.quarantineNo } : {}),
        ...(cert.issuedBy ? { issuedBy: cert.issuedBy } : {}),
      };
    },
    noteReprint(kind, ref) {
      if (kind === "certificate") domain.certificates.reprint(ref);
    },
    packageScale(serial) {
      return domain.packages.get(serial)?.deviceId ?? null;
    },
    labelPrinted(kind, ref) {
      if (kind === "package" && domain.packages.get(ref)?.state === "labelling") domain.packages.accept(ref);
    },
  };
}
