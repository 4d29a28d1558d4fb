import { addDays, localDay } from "../../core/local-day.js";
import type { InputRecords } from "../inputs/input-records.js";
import type { MasterData } from "../master/master-data.js";
import type { Batch, CertBasis, InputRecord } from "../records.js";
import type { TestRecords } from "../tests/test-records.js";
import { type BannedList, entriesIn, scopesOf } from "./banned-list.js";

/** The longest interval looked back for before a window (withdrawal periods run to months, not years). */
const MAX_INTERVAL_MS = 366 * 86_400_000;

/** One reason the gate refuses a certificate; each names the input, its day and the earliest allowed day. */
export type ComplianceBlock =
  | {
      kind: "interval";
      inputId: number;
      input: string;
      siteId: string;
      appliedDay: string;
      intervalDays: number;
      earliestDay: string;
      harvestDay: string;
      message: string;
    }
  | {
      kind: "banned";
      inputId: number;
      input: string;
      siteId: string;
      appliedDay: string;
      substance: string;
      message: string;
    }
  | {
      kind: "restricted";
      inputId: number;
      input: string;
      siteId: string;
      appliedDay: string;
      substance: string;
      scopes: string[];
      message: string;
    }
  | {
      kind: "positive_screen";
      testId: number;
      testedDay: string;
      sample: string;
      method: string;
      message: string;
    }
  | { kind: "no_test"; basis: CertBasis; message: string };

export interface ComplianceResult {
  ok: boolean;
  lot: string;
  harvestDay: string;
  /** The earliest day on which every interval is satisfied (null when no input has one). */
  earliestDay: string | null;
  blocks: ComplianceBlock[];
  warnings: string[];
  list: { version: string; source: string; sourceDate: string };
  vetList: { version: string; source: string; sourceDate: string };
}

/**
 * The gate before a certificate (DESIGN.md "Compliance gate", DOMAIN.md §4): every input on
 * the batch's sites in its window against the banned/restricted list and the interval rule
 * harvest day ≥ application day + interval days (calendar days in the station's zone); and
 * the tests behind the chosen basis.
 */
export class ComplianceGate {
  constructor(
    private readonly master: MasterData,
    private readonly inputs: InputRecords,
    private readonly tests: TestRecords,
    private readonly lists: { pesticides: BannedList; vetDrugs: BannedList },
    private readonly timezone: string,
  ) {}

  listInfo(): ComplianceResult["list"] {
    const { version, source, sourceDate } = this.lists.pesticides;
    return { version, source, sourceDate };
  }

  vetListInfo(): ComplianceResult["list"] {
    const { version, source, sourceDate } = this.lists.vetDrugs;
    return { version, source, sourceDate };
  }

  check(batch: Batch, basis: readonly CertBasis[], harvestAt?: number): ComplianceResult {
    const product = this.master.requireProduct(batch.productId);
    const harvestMs = harvestAt ?? batch.harvestAt ?? batch.windowEnd ?? Date.now();
    const harvestDay = localDay(harvestMs, this.timezone);
    const windowDay = localDay(batch.windowStart, this.timezone);
    // An application shortly before the window still binds the harvest when its interval
    // reaches into the window (a spray on the previous crop days before planting); the list
    // checks concern what was used on this batch, i.e. inside the window.
    const candidates = this.inputs.forSites(batch.siteIds, batch.windowStart - MAX_INTERVAL_MS, harvestMs);
    const used = candidates.filter((i) => i.appliedAt >= batch.windowStart);
    const blocks: ComplianceBlock[] = [];
    const warnings: string[] = [];
    let earliestDay: string | null = null;
    for (const input of candidates) {
      const appliedDay = localDay(input.appliedAt, this.timezone);
      const inWindow = input.appliedAt >= batch.windowStart;
      if (!inWindow && addDays(appliedDay, input.intervalDays) < windowDay) continue;
      // Pesticides against the pesticide list; veterinary drugs and feed (additives such as
      // clenbuterol arrive in feed) against the list of drugs banned for food animals.
      if (inWindow) {
        const list = input.kind === "pesticide" ? this.lists.pesticides : this.lists.vetDrugs;
        if (input.kind !== "fertilizer")
          blocks.push(...this.listBlocks(list, input, appliedDay, product.category, product.crop));
      }
      if (input.intervalDays > 0) {
        const earliest = addDays(appliedDay, input.intervalDays);
        if (earliestDay === null || earliest > earliestDay) earliestDay = earliest;
        if (harvestDay < earliest) {
          const what =
            input.kind === "vet_drug" ? "休药期 / withdrawal period" : "安全间隔期 / pre-harvest interval";
          blocks.push({
            kind: "interval",
            inputId: input.id,
            input: input.name,
            siteId: input.siteId,
            appliedDay,
            intervalDays: input.intervalDays,
            earliestDay: earliest,
            harvestDay,
            message: `${input.name} 于 ${appliedDay} 使用，${what} ${input.intervalDays} 天，最早 ${earliest} 可采收/屠宰（当前 ${harvestDay}）/ ${input.name} applied ${appliedDay}, interval ${input.intervalDays} d: earliest ${earliest}, harvest is ${harvestDay}`,
          });
        }
      }
      if (input.regNoStatus === "legacy")
        warnings.push(`${input.name}: 旧式登记证号 ${input.regNo} / legacy registration number`);
    }
    blocks.push(...this.testBlocks(batch, basis, harvestMs));
    if (basis.includes("commissioned_test") || basis.includes("own_test")) {
      warnings.push(...this.coverageWarnings(batch, used, harvestMs));
    }
    return {
      ok: blocks.length === 0,
      lot: batch.lot,
      harvestDay,
      earliestDay,
      blocks,
      warnings,
      list: this.listInfo(),
      vetList: this.vetListInfo(),
    };
  }

  private listBlocks(
    list: BannedList,
    input: InputRecord,
    appliedDay: string,
    category: Parameters<typeof scopesOf>[1],
    crop: string | null,
  ): ComplianceBlock[] {
    const text = `${input.name} ${input.activeIngredient ?? ""}`;
    const out: ComplianceBlock[] = [];
    const what =
      input.kind === "pesticide"
        ? "禁用农药 / a banned pesticide"
        : "食品动物禁用药品 / banned for food animals";
    for (const e of entriesIn(list.banned, text)) {
      if (e.effectiveFrom && appliedDay < e.effectiveFrom) continue;
      out.push({
        kind: "banned",
        inputId: input.id,
        input: input.name,
        siteId: input.siteId,
        appliedDay,
        substance: e.name,
        message: `${input.name}（${e.name}）是${what}，${appliedDay} 使用，本批次不能开具合格证 / ${e.name} is banned (used ${appliedDay})`,
      });
    }
    const scopes = scopesOf(list, category, [crop, input.crop]);
    for (const e of entriesIn(list.restricted, text)) {
      const hit = e.notOn.filter((s) => scopes.includes(s));
      if (hit.length === 0) continue;
      const names = hit.map((s) => list.scopes[s]?.zh ?? s).join("、");
      out.push({
        kind: "restricted",
        inputId: input.id,
        input: input.name,
        siteId: input.siteId,
        appliedDay,
        substance: e.name,
        scopes: hit,
        message: `${input.name}（${e.name}）禁止在${names}上使用，${appliedDay} 使用 / ${e.name} is banned on ${hit.join(", ")} (used ${appliedDay})`,
      });
    }
    return out;
  }

  /** A positive screen forbids 自行检测合格; a test basis without a matching test is refused too. */
  private testBlocks(batch: Batch, basis: readonly CertBasis[], harvestMs: number): ComplianceBlock[] {
    const tests = this.tests.forBatch(batch.lot, batch.siteIds, batch.windowStart, harvestMs);
    const out: ComplianceBlock[] = [];
    if (basis.includes("own_test")) {
      const screens = tests.filter((t) => t.kind === "screen");
      for (const t of screens.filter((s) => s.result === "positive")) {
        const day = localDay(t.testedAt, this.timezone);
        out.push({
          kind: "positive_screen",
          testId: t.id,
          testedDay: day,
          sample: t.sample,
          method: t.method,
          message: `${day} 样品 ${t.sample} 速测阳性（${t.method}${t.inhibition !== null ? `，抑制率 ${t.inhibition}%` : ""}），不能以"自行检测合格"为依据 / positive screen forbids the own-test basis`,
        });
      }
      if (screens.length === 0) {
        out.push({
          kind: "no_test",
          basis: "own_test",
          message: "没有本批次的自检记录 / no own test recorded for this batch",
        });
      }
    }
    if (
      basis.includes("commissioned_test") &&
      !tests.some((t) => t.kind === "lab" && t.result === "negative")
    ) {
      out.push({
        kind: "no_test",
        basis: "commissioned_test",
        message: "没有合格的委托检测报告 / no passed commissioned lab test for this batch",
      });
    }
    return out;
  }

  /** 用什么药、检什么药: pesticides used whose active is not among the tested items of any lab test. */
  private coverageWarnings(batch: Batch, used: InputRecord[], harvestMs: number): string[] {
    const items = this.tests
      .forBatch(batch.lot, batch.siteIds, batch.windowStart, harvestMs)
      .flatMap((t) => t.items.map((i) => i.toLowerCase()));
    const out: string[] = [];
    for (const input of used.filter((i) => i.kind === "pesticide")) {
      const active = (input.activeIngredient ?? input.name).toLowerCase();
      if (!items.some((i) => active.includes(i) || i.includes(active))) {
        out.push(`${input.name}: 检测项目未覆盖所用药物 / tested items do not cover this input`);
      }
    }
    return out;
  }
}
