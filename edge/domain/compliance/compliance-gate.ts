import { addDays, localDay } from "../../core/local-day.js";
import type { IncomingLots } from "../batches/incoming-lots.js";
import type { ScreenThreshold } from "../config-schema.js";
import type { InputRecords } from "../inputs/input-records.js";
import type { MasterData } from "../master/master-data.js";
import type { Batch, CertBasis, CertStyle, InputRecord } from "../records.js";
import type { TestRecords } from "../tests/test-records.js";
import { animalBlocks, intervalDaysFor, productKindOf } from "./animal-check.js";
import { type BannedList, scopesOf } from "./banned-list.js";
import type { ComplianceBlock, ComplianceResult, ListInfo, RetestPolicy } from "./compliance-blocks.js";
import { contentBlocks } from "./content-check.js";
import type { IngredientResolver } from "./ingredients.js";
import { listBlocks } from "./list-check.js";
import type { Synonyms } from "./synonyms.js";
import { testBlocks, type UsedIngredient } from "./test-check.js";

export type { ComplianceBlock, ComplianceResult } from "./compliance-blocks.js";

/** The longest interval looked back for before a window (withdrawal periods run to months, not years). */
const MAX_INTERVAL_MS = 366 * 86_400_000;

const info = (l: { version: string; source: string; sourceDate: string }): ListInfo => ({
  version: l.version,
  source: l.source,
  sourceDate: l.sourceDate,
});

export interface GateDeps {
  master: MasterData;
  inputs: InputRecords;
  tests: TestRecords;
  incoming: IncomingLots;
  lists: { pesticides: BannedList; vetDrugs: BannedList };
  synonyms: Synonyms;
  resolver: IngredientResolver;
  methods: readonly ScreenThreshold[];
  retestPolicy: RetestPolicy;
  timezone: string;
  /** The station's clock: an open batch is judged as if harvested now. */
  now: () => number;
}

/**
 * The gate before a certificate (DESIGN.md "Compliance gate", DOMAIN.md §2, §4): what the
 * certificate must say (sites or incoming lots, 产地, producer, contact); every ingredient of
 * every input on the batch's sites in its window against the lists in force on the harvest day;
 * the interval rule harvest day ≥ application day + interval days (calendar days in the
 * station's zone); and the tests behind the basis, by their scope and the re-test policy.
 */
export class ComplianceGate {
  constructor(private readonly d: GateDeps) {}

  listInfo(): ListInfo {
    return info(this.d.lists.pesticides);
  }

  check(batch: Batch, basis: readonly CertBasis[], harvestAt?: number, style?: CertStyle): ComplianceResult {
    const { master, timezone } = this.d;
    const product = master.requireProduct(batch.productId);
    const subject = master.subject();
    const harvestMs = harvestAt ?? batch.harvestAt ?? batch.windowEnd ?? this.d.now();
    const harvestDay = localDay(harvestMs, timezone);
    const windowDay = localDay(batch.windowStart, timezone);
    const blocks: ComplianceBlock[] = contentBlocks(
      batch,
      subject,
      style ?? subject?.kind ?? "producer",
      this.d.incoming.forBatch(batch.lot),
    );
    const warnings: string[] = [];
    // An application shortly before the window still binds the harvest when its interval
    // reaches into the window (a spray on the previous crop days before planting); the list
    // checks concern what was used on this batch, i.e. inside the window.
    const candidates = this.d.inputs.forSites(batch.siteIds, batch.windowStart - MAX_INTERVAL_MS, harvestMs);
    const productKind = productKindOf(product);
    const used: UsedIngredient[] = [];
    let earliestDay: string | null = null;
    for (const input of candidates) {
      const appliedDay = localDay(input.appliedAt, timezone);
      const inWindow = input.appliedAt >= batch.windowStart;
      const resolution = this.d.resolver.resolve(input);
      const days = intervalDaysFor(input, resolution, productKind);
      if (!inWindow && addDays(appliedDay, days) < windowDay) continue;
      if (inWindow) {
        const ref = { inputId: input.id, input: input.name, siteId: input.siteId, appliedDay };
        if (resolution.unknown) {
          blocks.push({
            kind: "unknown_ingredient",
            ...ref,
            message: `成分未知：${input.name}（${appliedDay} 使用）的有效成分不明，填写有效成分或登记证号后才能开证，否则须主管放行 / unknown ingredients: ${input.name} (used ${appliedDay})`,
          });
        }
        const animal = input.kind === "vet_drug" || input.kind === "feed";
        const list = animal ? this.d.lists.vetDrugs : this.d.lists.pesticides;
        const scopes = scopesOf(list, product.category, [product.crop, input.crop]);
        blocks.push(
          ...listBlocks(list, input, resolution, { applied: appliedDay, harvest: harvestDay }, scopes),
        );
        blocks.push(...animalBlocks(input, resolution, productKind, ref));
        for (const ingredient of resolution.ingredients) used.push({ input, ingredient });
      }
      if (days > 0) blocks.push(...this.intervalBlock(input, appliedDay, days, harvestDay));
      if (days > 0) {
        const earliest = addDays(appliedDay, days);
        if (earliestDay === null || earliest > earliestDay) earliestDay = earliest;
      }
      if (input.regNoStatus === "legacy")
        warnings.push(`${input.name}: 旧式登记证号 ${input.regNo} / legacy registration number`);
    }
    const tests = this.d.tests.forBatch(batch.lot, batch.siteIds, batch.windowStart, harvestMs);
    blocks.push(
      ...testBlocks(tests, basis, used, {
        methods: this.d.methods,
        synonyms: this.d.synonyms,
        policy: this.d.retestPolicy,
        timezone,
      }),
    );
    return {
      ok: blocks.length === 0,
      lot: batch.lot,
      harvestDay,
      earliestDay,
      blocks,
      warnings,
      list: info(this.d.lists.pesticides),
      vetList: info(this.d.lists.vetDrugs),
      synonyms: info(this.d.synonyms.table),
      retestPolicy: this.d.retestPolicy,
    };
  }

  private intervalBlock(
    input: InputRecord,
    appliedDay: string,
    days: number,
    harvestDay: string,
  ): ComplianceBlock[] {
    const earliest = addDays(appliedDay, days);
    if (harvestDay >= earliest) return [];
    const [what, whatEn] =
      input.kind === "vet_drug" ? ["休药期", "withdrawal period"] : ["安全间隔期", "pre-harvest interval"];
    return [
      {
        kind: "interval",
        inputId: input.id,
        input: input.name,
        siteId: input.siteId,
        appliedDay,
        intervalDays: days,
        earliestDay: earliest,
        harvestDay,
        message: `${input.name} 于 ${appliedDay} 使用，${what} ${days} 天，最早 ${earliest} 可采收/屠宰（当前 ${harvestDay}）/ ${input.name} applied ${appliedDay}, ${whatEn} ${days} d: earliest ${earliest}, harvest is ${harvestDay}`,
      },
    ];
  }
}
