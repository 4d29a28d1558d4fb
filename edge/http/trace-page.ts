import { metricDefinition } from "../core/metric-registry.js";
import type { CertBasis, Certificate, Package } from "../domain/records.js";
import type { TraceRecord } from "../domain/trace-record/trace-record.js";
import { dateTimeOf, dayOf, esc } from "./html.js";
import { round, sparkline } from "./svg-chart.js";
import { alarmsCard } from "./trace-page-alarms.js";
import { TRACE_PAGE_CSS } from "./trace-page-css.js";
import { shipmentsCard } from "./trace-page-shipments.js";

const BASIS: Record<CertBasis, string> = {
  quality_control: "质量安全控制符合要求",
  own_test: "自行检测合格",
  commissioned_test: "委托检测合格",
};

const CATEGORY: Record<string, string> = {
  vegetables: "蔬菜",
  edible_fungi: "食用菌",
  fruit: "水果",
  fresh_tea: "鲜茶叶",
  livestock: "畜",
  poultry: "禽",
  eggs: "禽蛋",
  aquatic: "养殖水产品",
  other: "其他",
};

const INPUT_KIND: Record<string, string> = {
  pesticide: "农药",
  fertilizer: "肥料",
  vet_drug: "兽药",
  feed: "饲料",
};
const RESULT: Record<string, string> = { negative: "阴性 合格", positive: "阳性", suspect: "可疑" };
const DAY_MS = 86_400_000;
/** Long batches would make a phone page heavy: list the newest packages only, with the total. */
const MAX_PACKAGES = 20;

export interface TracePageFocus {
  /** The package the scanned code named, if it named one. */
  package?: Package;
}

const row = (zh: string, en: string, value: string) =>
  `<tr><th>${zh}<small>${en}</small></th><td>${value}</td></tr>`;

const section = (zh: string, en: string, body: string, id = "") =>
  `<section class="card"${id ? ` id="${id}"` : ""}><h2>${zh} <small>${en}</small></h2>${body}</section>`;

/**
 * The public trace page a consumer's phone opens from the QR: one server-rendered HTML document
 * with inline CSS and SVG, no script, so it is fast on a weak mobile link.
 */
export function renderTracePage(record: TraceRecord, focus: TracePageFocus, timeZone: string): string {
  const day = (ms: number | null | undefined) => dayOf(ms, timeZone);
  const { product, batch, subject } = record;
  const live = record.certificates.filter((c) => c.status !== "void");
  const review = live.some((c) => c.status === "review");
  const overridden = live.some((c) => c.override !== null);
  const badge = review
    ? `<span class="badge void">⚠ 合格证待复核 <small>certificate under review</small></span>`
    : overridden
      ? `<span class="badge void">主管放行 <small>released by a supervisor over compliance blocks</small></span>`
      : live.length > 0
        ? `<span class="badge ok">✔ 已开具承诺达标合格证 <small>certificate valid</small></span>`
        : record.certificates.length > 0
          ? `<span class="badge void">合格证已作废 <small>certificate voided</small></span>`
          : `<span class="badge none">尚未开具合格证 <small>no certificate yet</small></span>`;
  const focusPkg = focus.package
    ? `<section class="card focus" id="package"><h2>本包装 <small>this package</small></h2><div class="kg">${esc(focus.package.netKg.toFixed(3))} kg</div><div class="muted">${esc(focus.package.serial)} · 称重 ${esc(dateTimeOf(focus.package.weighedAt, timeZone))}</div></section>`
    : "";
  const codes = [
    product.gtin ? row("商品条码", "GTIN", esc(product.gtin)) : "",
    product.greenCode ? row("绿色食品", "green food", esc(product.greenCode)) : "",
    product.organicCode ? row("有机码", "organic code", esc(product.organicCode)) : "",
  ].join("");
  const sites = record.sites.map((s) => esc(s.name)).join("、") || "—";
  const productCard = section(
    "产品与产地",
    "product & origin",
    `<table>${row("产品", "product", esc(product.name))}${row("类别", "category", esc(CATEGORY[product.category] ?? product.category))}${row("产地", "origin", esc(live[0]?.content.origin ?? subject?.originRegion ?? subject?.address ?? "—"))}${row("基地", "sites", sites)}${codes}</table>`,
  );
  const subjectCard = subject
    ? section(
        "生产经营主体",
        "producer",
        `<table>${row("名称", "name", esc(subject.name))}${row("证照号码", "ID", esc(subject.idNumber))}${subject.address ? row("地址", "address", esc(subject.address)) : ""}${subject.contact ? row("联系方式", "contact", esc(subject.contact)) : ""}</table>`,
      )
    : "";
  const batchCard = section(
    "批次",
    "batch",
    `<table>${row("批次码", "lot", `<code>${esc(batch.lot)}</code>`)}${batch.nationalCode ? row("追溯码", "national code", `<code>${esc(batch.nationalCode)}</code>`) : ""}${row("生产开始", "from", esc(day(record.window.start)))}${row("采收日期", "harvest", esc(day(batch.harvestAt)))}${row("包装", "packages", `${record.totals.packageCount} 件 · ${esc(record.totals.netKg.toFixed(3))} kg`)}</table>`,
  );
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(product.name)} · 追溯 ${esc(batch.lot)}</title><style>${TRACE_PAGE_CSS}</style></head><body><header><div class="station">${esc(record.station.name)}</div><h1>${esc(product.name)}</h1>${badge}</header><main>${focusPkg}${certificatesCard(record.certificates, day)}${productCard}${subjectCard}${batchCard}${inputsCard(record, day)}${testsCard(record, day)}${environmentCard(record)}${alarmsCard(record, timeZone)}${incomingCard(record, day)}${packagesCard(record, focus, timeZone)}${shipmentsCard(record, timeZone, focus.package?.serial)}</main><footer>农产品质量安全追溯 · ${esc(record.station.code)} · ${esc(dateTimeOf(record.assembledAt, timeZone))}</footer></body></html>`;
}

function certificatesCard(certs: readonly Certificate[], day: (ms: number | null) => string): string {
  if (certs.length === 0) return "";
  const items = certs
    .map((c) => {
      const state = certificateState(c);
      const basis = c.basis.map((b) => `☑ ${esc(BASIS[b] ?? b)}`).join("<br>");
      return `<div class="cert${c.status === "void" ? " voided" : ""}"><div class="cert-title">承诺达标合格证</div><table>${row("编号", "number", `<code>${esc(c.number)}</code> ${state}`)}${row("数量", "quantity", `${esc(c.quantity.toFixed(3))} ${esc(c.unit)} · ${c.packageCount} 件`)}${row("承诺依据", "basis", basis)}${row("开具日期", "issued", esc(day(c.issuedAt)))}${row("承诺人", "issued by", esc(c.content.subjectName))}</table><p class="muted">${esc(c.content.commitment.zh)}</p></div>`;
    })
    .join("");
  return section("合格证", "certificate", items, "certificates");
}

/**
 * Never a plain 有效 next to what it overrode: 待复核 with the later evidence, 主管放行 with the
 * reasons overridden and who, 已作废 with the reason and who.
 */
function certificateState(c: Certificate): string {
  const list = (reasons: readonly string[]) =>
    `<ul class="muted">${reasons.map((r) => `<li>${esc(r)}</li>`).join("")}</ul>`;
  if (c.status === "void")
    return `<span class="state void">已作废 voided</span> <span class="muted">${esc(c.voidReason ?? "")}${c.voidedBy ? ` · ${esc(c.voidedBy)}` : ""}</span>`;
  const overridden = c.override
    ? `<div><span class="state void">主管放行 released by supervisor</span> <span class="muted">${esc(c.override.supervisor)}：${esc(c.override.reason)}</span>${list(c.override.blocks.map((b) => String((b as { message?: unknown }).message ?? "")))}</div>`
    : "";
  if (c.status === "review")
    return `<span class="state void">待复核 under review</span>${list(c.review?.reasons ?? [])}${overridden}`;
  return overridden || `<span class="state ok">有效 valid</span>`;
}

function inputsCard(record: TraceRecord, day: (ms: number | null) => string): string {
  if (record.inputs.length === 0)
    return section(
      "投入品使用",
      "inputs used",
      `<p class="muted">本批次生产期间无投入品使用记录 / none recorded</p>`,
    );
  const rows = record.inputs
    .map((i) => {
      const safe = i.intervalDays > 0 ? day(i.appliedAt + i.intervalDays * DAY_MS) : "—";
      return `<tr><td>${esc(day(i.appliedAt))}</td><td>${esc(i.name)}<small>${esc(INPUT_KIND[i.kind] ?? i.kind)}${i.regNo ? ` · ${esc(i.regNo)}` : ""}${i.ingredients.length > 0 && i.ingredients.join("+") !== i.name ? ` · 有效成分 ${esc(i.ingredients.join("+"))}` : ""}</small></td><td>${i.intervalDays} 天${i.intervalDays > 0 ? `<small>≥ ${esc(safe)}</small>` : ""}</td></tr>`;
    })
    .join("");
  return section(
    "投入品使用",
    "inputs used",
    `<table class="list"><tr><th>日期</th><th>名称</th><th>间隔期</th></tr>${rows}</table>`,
  );
}

function testsCard(record: TraceRecord, day: (ms: number | null) => string): string {
  if (record.tests.length === 0) return "";
  const rows = record.tests
    .map(
      (x) =>
        `<tr><td>${esc(day(x.testedAt))}</td><td>${esc(x.sample)}<small>${esc(x.method)}${x.inhibition !== null ? ` · 抑制率 ${esc(x.inhibition)}%` : ""}${x.reportNo ? ` · ${esc(x.reportNo)}` : ""}</small></td><td class="${x.result === "negative" ? "pass" : "fail"}">${esc(RESULT[x.result] ?? x.result)}</td></tr>`,
    )
    .join("");
  return section(
    "检测",
    "tests",
    `<table class="list"><tr><th>日期</th><th>样品</th><th>结果</th></tr>${rows}</table>`,
  );
}

function environmentCard(record: TraceRecord): string {
  const { summaries, series } = record.environment;
  if (summaries.length === 0) return "";
  const site = new Map(record.sites.map((s) => [s.id, s.name]));
  const items = summaries
    .map((s) => {
      const def = metricDefinition(s.metric);
      const label = def?.label.zh ?? s.metric;
      const unit = s.unit ?? def?.unit ?? "";
      const points = series.find((x) => x.siteId === s.siteId && x.metric === s.metric)?.points ?? [];
      return `<div class="metric"><div><strong>${esc(label)}</strong> <small>${esc(site.get(s.siteId) ?? s.siteId)}</small></div><div class="range">${esc(round(s.min))} / <b>${esc(round(s.mean))}</b> / ${esc(round(s.max))} ${esc(unit)}<small>最低 / 平均 / 最高</small></div>${sparkline(points, label, unit)}</div>`;
    })
    .join("");
  return section("生产环境", "environment", items);
}

function incomingCard(record: TraceRecord, day: (ms: number | null) => string): string {
  if (record.incomingLots.length === 0) return "";
  const rows = record.incomingLots
    .map(
      (l) =>
        `<tr><td>${esc(day(l.receivedAt))}</td><td>${esc(l.supplier ?? "—")}<small><code>${esc(l.rawCode.slice(0, 64))}</code></small></td></tr>`,
    )
    .join("");
  return section("原料来源", "incoming lots", `<table class="list">${rows}</table>`);
}

function packagesCard(record: TraceRecord, focus: TracePageFocus, timeZone: string): string {
  if (record.packages.length === 0) return "";
  const shown = record.packages.slice(-MAX_PACKAGES).reverse();
  const rows = shown
    .map(
      (p) =>
        `<tr${p.serial === focus.package?.serial ? ' class="mine"' : ""} title="${esc(p.serial)}"><td>No.${p.seq}</td><td>${esc(p.netKg.toFixed(3))} kg</td><td>${esc(dateTimeOf(p.weighedAt, timeZone).slice(5))}</td></tr>`,
    )
    .join("");
  const more =
    record.packages.length > shown.length
      ? `<p class="muted">共 ${record.packages.length} 件，显示最近 ${shown.length} 件</p>`
      : "";
  return section("包装", "packages", `<table class="list nowrap">${rows}</table>${more}`, "packages");
}
