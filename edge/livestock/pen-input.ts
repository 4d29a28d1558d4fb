import type { Domain } from "../domain/domain.js";
import type { PenDrugUse } from "./treatment-records.js";

/**
 * A treatment as the domain's input record on the pen (养殖档案 第十八条: 兽药的名称、使用对象、
 * 时间和用量), so the batch gate of issue 20 sees it: milk from a pen is pooled, and a batch of
 * its milk is blocked inside the 弃奶期 (with the drug and the earliest day); the banned list
 * and unknown-ingredient rules apply to the drug as to any input. The meat withdrawal is
 * judged per animal when it is scanned into a sale (withdrawal-check.ts), so the record's meat
 * days are 0: an untreated animal of the same pen is not held back by its pen-mate.
 */
export function recordPenInput(domain: Domain, use: PenDrugUse): void {
  domain.inputs.add({
    siteId: use.siteId,
    kind: "vet_drug",
    name: use.drug,
    amount: use.heads,
    unit: "头",
    ...(use.dose !== undefined ? { dose: use.dose } : {}),
    intervalDays: 0,
    operator: use.operator ?? "未记录 / not recorded",
    target: `${use.heads} 头（按耳标记录）/ ${use.heads} head, by ear tag`,
    appliedAt: use.appliedAt,
    withdrawal: { meat: 0, ...(use.milkDays !== null ? { milk: use.milkDays } : {}) },
  });
}
