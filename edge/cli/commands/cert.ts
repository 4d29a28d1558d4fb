import "../cli-codes.js";
import "../../domain/domain-codes.js";
import { userInfo } from "node:os";
import { isStationError, StationError } from "../../core/station-error.js";
import { BASIS_TEXT, LEGACY_BASIS } from "../../domain/certificates/commitment-text.js";
import { day, need, openDomainCli, printResult } from "../../domain/cli/domain-cli.js";
import type { ComplianceResult } from "../../domain/compliance/compliance-gate.js";
import { CERT_BASES, type CertBasis, type Certificate } from "../../domain/records.js";
import { EXIT_FAILURE, EXIT_OK } from "../command.js";
import { printRows, usageError } from "../context.js";
import { DATA_COMMON, DATA_OPTION_SPECS } from "../spec/data-options.js";
import { defineCommand } from "../spec/define-command.js";

/** --basis takes the codes or the printed Chinese words, old four-basis forms included. */
function parseBasis(value: string | undefined, usage: string): CertBasis[] {
  const parts = need(value, "--basis", usage)
    .split(/[,，、]/)
    .map((p) => p.trim())
    .filter(Boolean);
  return [
    ...new Set(
      parts.map((p): CertBasis => {
        if ((CERT_BASES as readonly string[]).includes(p)) return p as CertBasis;
        const zh = Object.entries(BASIS_TEXT).find(([, t]) => t.zh === p)?.[0] as CertBasis | undefined;
        const legacy = LEGACY_BASIS[p];
        if (zh) return zh;
        if (legacy) return legacy;
        throw new StationError("CLI_USAGE", `未知承诺依据 / unknown basis "${p}"\n用法 / usage: ${usage}`);
      }),
    ),
  ];
}

const human = (c: Certificate, zone: string): string =>
  [
    c.number.padEnd(18),
    c.lot.padEnd(20),
    (c.status === "review" ? "待复核" : c.override && c.status === "valid" ? "主管放行" : c.status).padEnd(6),
    `${c.quantity} ${c.unit}`.padEnd(10),
    c.basis.map((b) => BASIS_TEXT[b].zh).join("、"),
    day(c.issuedAt, zone),
    c.reprintCount > 0 ? `补打×${c.reprintCount}` : "",
  ].join("  ");

/** Who runs the CLI: the OS account (operators with names come later, issue 17). */
const cliActor = (): string => `cli:${userInfo().username}`;

/** 待复核, 主管放行 and 作废 with who and why: a certificate never shows as plainly valid over them. */
function certificateStateLines(c: Certificate): string[] {
  const lines: string[] = [];
  if (c.status === "review") {
    lines.push("  状态 / state: 待复核 needs review");
    for (const r of c.review?.reasons ?? []) lines.push(`    ✗ ${r}`);
  }
  if (c.override) {
    lines.push(
      `  主管放行 / released by supervisor: ${c.override.supervisor}（${c.override.actor ?? "-"}）原因 / reason: ${c.override.reason}`,
    );
    for (const b of c.override.blocks)
      lines.push(`    ✗ ${String((b as { message?: unknown }).message ?? "")}`);
  }
  if (c.reviewCleared)
    lines.push(`  解除待复核 / review cleared: ${c.reviewCleared.actor}：${c.reviewCleared.reason}`);
  if (c.status === "void") lines.push(`  作废原因 / void reason: ${c.voidReason}（${c.voidedBy ?? "-"}）`);
  if (c.content.gate)
    lines.push(
      `  复检规则 / re-test policy: 阳性 ${c.content.gate.retestPolicy.positive}，可疑 ${c.content.gate.retestPolicy.suspect}；名录 ${c.content.gate.list}`,
    );
  return lines;
}

const gateText = (r: ComplianceResult): string =>
  [
    r.ok ? `合规检查通过 / gate passed: ${r.lot}` : `合规检查未通过 / gate blocks: ${r.lot}`,
    ...r.blocks.map((b) => `  ✗ ${b.message}`),
    ...r.warnings.map((w) => `  ! ${w}`),
    `  名录 / list: ${r.list.version} (${r.list.sourceDate})`,
  ].join("\n");

/** 承诺达标合格证: issue (after the gate), void, count reprints, show. */
const LOT = { name: "LOT", help: { zh: "批次号", en: "lot number" } } as const;
const NUMBER = { name: "NUMBER", help: { zh: "合格证编号", en: "certificate number" } } as const;

export const certCommand = defineCommand({
  name: "cert",
  summary: { zh: "开具、作废、补打、查看承诺达标合格证", en: "issue, void, reprint, show certificates" },
  options: {
    ...DATA_OPTION_SPECS,
    basis: {
      type: "string",
      value: `${CERT_BASES.join("|")}[,…]`,
      help: {
        zh: "承诺依据（代码或中文，逗号分隔）",
        en: "commitment basis (codes or the Chinese words, comma-separated)",
      },
    },
    style: {
      type: "string",
      choices: ["producer", "buyer"],
      help: { zh: "合格证样式", en: "certificate style" },
    },
    by: { type: "string", value: "NAME", help: { zh: "开具人", en: "issued by" } },
    supervisor: {
      type: "string",
      value: "NAME",
      help: { zh: "主管放行：主管姓名", en: "supervisor releasing a blocked lot" },
    },
    reason: { type: "string", value: "TEXT", help: { zh: "原因", en: "reason" } },
  },
  common: DATA_COMMON,
  actions: {
    issue: {
      summary: { zh: "合规检查后开具", en: "issue after the gate" },
      args: [LOT],
      options: ["basis", "style", "by", "supervisor", "reason"],
      required: ["basis"],
    },
    check: {
      summary: { zh: "只检查，不开具", en: "gate only" },
      args: [LOT],
      options: ["basis", "style"],
      required: ["basis"],
    },
    void: { summary: { zh: "作废", en: "void" }, args: [NUMBER], options: ["reason"], required: ["reason"] },
    "clear-review": {
      summary: { zh: "主管解除待复核", en: "supervisor clears 待复核" },
      args: [NUMBER],
      options: ["reason"],
      required: ["reason"],
    },
    reprint: { summary: { zh: "补打计数", en: "count a reprint" }, args: [NUMBER] },
    show: { summary: { zh: "查看合格证", en: "show a certificate" }, args: [NUMBER] },
    list: { summary: { zh: "列出合格证", en: "list certificates" } },
  },
  async run({ action, values, args: [id = ""], usage }) {
    const cli = openDomainCli(values);
    const d = cli.domain;
    try {
      switch (action) {
        case "issue": {
          const style = values.style;
          const override =
            values.supervisor !== undefined || values.reason !== undefined
              ? { supervisor: values.supervisor ?? "", reason: values.reason ?? "" }
              : undefined;
          try {
            const { certificate, compliance } = d.certificates.issue({
              lot: id,
              basis: parseBasis(values.basis, usage),
              style,
              issuedBy: values.by,
              override,
              actor: cliActor(),
            });
            printResult({ certificate, compliance }, values.json, () =>
              [
                `合格证已开具 / certificate issued: ${human(certificate, cli.zone)}`,
                gateText(compliance),
              ].join("\n"),
            );
            return EXIT_OK;
          } catch (err) {
            if (!values.json || !isStationError(err) || err.code !== "DOMAIN_COMPLIANCE_BLOCKED") throw err;
            printResult({ ok: false, code: err.code, ...err.detail }, true, () => "");
            return EXIT_FAILURE;
          }
        }
        case "check": {
          const result = d.compliance.check(
            d.batches.require(id),
            parseBasis(values.basis, usage),
            undefined,
            values.style,
          );
          printResult(result, values.json, () => gateText(result));
          return result.ok ? EXIT_OK : EXIT_FAILURE;
        }
        case "void": {
          const c = d.certificates.void(id, need(values.reason, "--reason", usage), cliActor());
          printResult(
            c,
            values.json,
            () => `已作废 / voided: ${human(c, cli.zone)}  原因 / reason: ${c.voidReason}`,
          );
          return EXIT_OK;
        }
        case "clear-review": {
          const c = d.reviews.clear(id, need(values.reason, "--reason", usage), cliActor());
          printResult(c, values.json, () => `已解除待复核 / review cleared: ${human(c, cli.zone)}`);
          return EXIT_OK;
        }
        case "reprint": {
          const c = d.certificates.reprint(id);
          printResult(c, values.json, () => `补打 / reprint ${c.reprintCount}: ${human(c, cli.zone)}`);
          return EXIT_OK;
        }
        case "show": {
          const c = d.certificates.require(id);
          printResult(c, values.json, () =>
            [
              human(c, cli.zone),
              `  产品 / product: ${c.content.productName}   数量 / quantity: ${c.content.quantity} ${c.content.unit} (${c.content.packageCount})`,
              `  主体 / subject: ${c.content.subjectName}   产地 / origin: ${c.content.origin ?? "-"}   联系 / contact: ${c.content.contact ?? "-"}`,
              `  ${c.content.commitment.zh}`,
              ...certificateStateLines(c),
            ].join("\n"),
          );
          return EXIT_OK;
        }
        case "list":
          printRows(d.certificates.list(), values.json, (r) => human(r, cli.zone));
          return EXIT_OK;
        default:
          throw usageError(usage);
      }
    } finally {
      cli.close();
    }
  },
});
