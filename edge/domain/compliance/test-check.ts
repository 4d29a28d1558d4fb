import { localDay } from "../../core/local-day.js";
import type { ScreenThreshold } from "../config-schema.js";
import type { CertBasis, InputRecord, TestRecord } from "../records.js";
import { thresholdFor } from "../tests/test-records.js";
import type { ComplianceBlock, RetestPolicy } from "./compliance-blocks.js";
import type { ResolvedIngredient } from "./ingredients.js";
import type { Synonyms } from "./synonyms.js";

export interface UsedIngredient {
  input: InputRecord;
  ingredient: ResolvedIngredient;
}

const BASIS_ZH: Record<CertBasis, string> = {
  quality_control: "质量安全控制符合要求",
  own_test: "自行检测合格",
  commissioned_test: "委托检测合格",
};

/**
 * The tests behind a basis (DOMAIN.md §4): a screen or report supports 自行检测合格 /
 * 委托检测合格 only when negative and when its scope covers every ingredient used in the window
 * (用什么药、检什么药). A positive or suspect screen blocks every basis until the re-test the
 * policy asks for is negative; a positive one forbids 自行检测合格 even then.
 */
export function testBlocks(
  tests: readonly TestRecord[],
  basis: readonly CertBasis[],
  used: readonly UsedIngredient[],
  ctx: { methods: readonly ScreenThreshold[]; synonyms: Synonyms; policy: RetestPolicy; timezone: string },
): ComplianceBlock[] {
  const out: ComplianceBlock[] = [];
  for (const t of tests.filter((x) => x.result !== "negative")) {
    const required = t.result === "positive" ? ctx.policy.positive : ctx.policy.suspect;
    const cleared = tests.some(
      (r) =>
        r.retestOf === t.id &&
        r.result === "negative" &&
        (required === "retest_negative" || r.kind === "lab"),
    );
    const day = localDay(t.testedAt, ctx.timezone);
    const what = t.result === "positive" ? "阳性" : "可疑";
    const need = required === "lab_negative" ? "需委托检测复检阴性" : "需复检阴性";
    const needEn = required === "lab_negative" ? "a negative lab re-test" : "a negative re-test";
    const inhibition = t.inhibition !== null ? `，抑制率 ${t.inhibition}%` : "";
    if (!cleared) {
      out.push({
        kind: t.result === "positive" ? "positive_screen" : "suspect_screen",
        testId: t.id,
        testedDay: day,
        sample: t.sample,
        method: t.method,
        message: `${day} 样品 ${t.sample} 检测结果${what}（${t.method}${inhibition}），${t.result === "suspect" ? "可疑不算合格" : "阳性不能开证"}；${need}（复检规则：${POLICY_ZH[required]}）/ ${t.result} result on ${day} (${t.method}) blocks the certificate until ${needEn} (re-test policy ${required})`,
      });
    } else if (t.result === "positive" && basis.includes("own_test")) {
      out.push({
        kind: "positive_screen",
        testId: t.id,
        testedDay: day,
        sample: t.sample,
        method: t.method,
        message: `${day} 样品 ${t.sample} 速测阳性（${t.method}${inhibition}），不能以"自行检测合格"为依据 / a positive screen forbids the own-test basis`,
      });
    }
  }
  for (const b of ["own_test", "commissioned_test"] as const) {
    if (!basis.includes(b)) continue;
    const kind = b === "own_test" ? "screen" : "lab";
    const negatives = tests.filter((t) => t.kind === kind && t.result === "negative");
    if (negatives.length === 0) {
      out.push({
        kind: "no_test",
        basis: b,
        message:
          b === "own_test"
            ? "没有本批次阴性的自检记录 / no negative own test recorded for this batch"
            : "没有合格的委托检测报告 / no passed commissioned lab test for this batch",
      });
      continue;
    }
    for (const u of used) {
      if (negatives.some((t) => covers(t, u.ingredient, ctx))) continue;
      const scope = negatives.map((t) => scopeText(t, ctx)).join("；");
      out.push({
        kind: "uncovered",
        basis: b,
        inputId: u.input.id,
        input: u.input.name,
        substance: u.ingredient.name,
        message: `用什么药、检什么药：${u.input.name} 的 ${u.ingredient.name} 没有被任何检测覆盖（${scope}），不能以"${BASIS_ZH[b]}"为依据 / no ${kind === "lab" ? "lab report" : "screen"} covers ${u.ingredient.name}`,
      });
    }
  }
  return out;
}

/** A test covers an ingredient it lists as tested, or one of a class its method detects. */
function covers(
  t: TestRecord,
  ingredient: ResolvedIngredient,
  ctx: { methods: readonly ScreenThreshold[]; synonyms: Synonyms },
): boolean {
  const listed = t.items.some((i) => (ctx.synonyms.exact(i)?.name ?? i.trim()) === ingredient.name);
  if (listed) return true;
  const classes = thresholdFor(ctx.methods, t.method)?.covers ?? [];
  return ingredient.class !== null && classes.includes(ingredient.class);
}

function scopeText(t: TestRecord, ctx: { methods: readonly ScreenThreshold[] }): string {
  const classes = thresholdFor(ctx.methods, t.method)?.covers ?? [];
  const parts = [...classes.map((c) => CLASS_ZH[c] ?? c), ...t.items];
  return `${t.method} 检 ${parts.length ? parts.join("、") : "无项目"}`;
}

const POLICY_ZH: Record<RetestPolicy["positive"], string> = {
  lab_negative: "委托检测阴性",
  retest_negative: "任一复检阴性",
};

const CLASS_ZH: Record<string, string> = {
  organophosphate: "有机磷类",
  carbamate: "氨基甲酸酯类",
  pyrethroid: "拟除虫菊酯类",
};
