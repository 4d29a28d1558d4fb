import type { Domain } from "../domain.js";
import type { CertBasis } from "../records.js";
import type { ComplianceResult } from "./compliance-blocks.js";

/** What the packing screen and batch open say before a day of labels is printed. */
export interface GateVerdict {
  ok: boolean;
  /** "不能开证：…" with every reason, or "可以开证". */
  text: string;
  /** The day the verdict assumes for the harvest: the batch's, or today while it is open. */
  harvestDay: string;
  earliestDay: string | null;
  blocks: ComplianceResult["blocks"];
}

export function verdictOf(result: ComplianceResult): GateVerdict {
  return {
    ok: result.ok,
    text: result.ok
      ? "可以开证 / a certificate can be issued"
      : `不能开证：${result.blocks.map((b) => b.message).join("；")}`,
    harvestDay: result.harvestDay,
    earliestDay: result.earliestDay,
    blocks: result.blocks,
  };
}

/**
 * The gate's verdict for a batch as it stands (DESIGN.md "Compliance gate" speaks early): an
 * open batch is judged as if harvested at `now`, with the basis it would most likely carry.
 */
export function batchVerdict(
  domain: Domain,
  lot: string,
  now: number,
  basis: readonly CertBasis[] = ["quality_control"],
): GateVerdict {
  const batch = domain.batches.require(lot);
  return verdictOf(domain.compliance.check(batch, basis, batch.harvestAt ?? now));
}
