import "../cli-codes.js";
import "../../domain/domain-codes.js";
import { userInfo } from "node:os";
import { isStationError, StationError } from "../../core/station-error.js";
import { BASIS_TEXT, LEGACY_BASIS } from "../../domain/certificates/commitment-text.js";
import { day, need, openDomainCli, printResult } from "../../domain/cli/domain-cli.js";
import type { ComplianceResult } from "../../domain/compliance/compliance-gate.js";
import { CERT_BASES, type CertBasis, type Certificate } from "../../domain/records.js";
import { type Command, EXIT_FAILURE, EXIT_OK } from "../command.js";
import { DATA_OPTIONS, parseCommandArgs, printRows, usageError } from "../context.js";

const usage = [
  `trace-station cert issue LOT --basis ${CERT_BASES.join("|")}[,…] [--style producer|buyer] [--by NAME] [--supervisor NAME --reason TEXT] [--json]`,
  "trace-station cert check LOT --basis B[,…] [--style producer|buyer] [--json]      (只检查，不开具 / gate only)",
  "trace-station cert void NUMBER --reason TEXT [--json]",
  "trace-station cert clear-review NUMBER --reason TEXT [--json]      (主管解除待复核 / supervisor clears 待复核)",
  "trace-station cert reprint NUMBER [--json]      (补打计数 / count a reprint)",
  "trace-station cert show NUMBER [--json]",
  "trace-station cert list [--json]",
].join("\n       ");

/** --basis takes the codes or the printed Chinese words, old four-basis forms included. */
function parseBasis(value: string | undefined): CertBasis[] {
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
export const certCommand: Command = {
  name: "cert",
  summary: { zh: "开具、作废、补打、查看承诺达标合格证", en: "issue, void, reprint, show certificates" },
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        options: {
          ...DATA_OPTIONS,
          basis: { type: "string" },
          style: { type: "string" },
          by: { type: "string" },
          supervisor: { type: "string" },
          reason: { type: "string" },
        },
        allowPositionals: true,
      },
      usage,
    );
    const [action, id] = positionals;
    const cli = openDomainCli(values);
    const d = cli.domain;
    try {
      switch (action) {
        case "issue": {
          const style = values.style;
          if (style !== undefined && style !== "producer" && style !== "buyer")
            throw new StationError("CLI_USAGE", usage);
          const override =
            values.supervisor !== undefined || values.reason !== undefined
              ? { supervisor: values.supervisor ?? "", reason: values.reason ?? "" }
              : undefined;
          try {
            const { certificate, compliance } = d.certificates.issue({
              lot: need(id, "LOT", usage),
              basis: parseBasis(values.basis),
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
          const style = values.style;
          if (style !== undefined && style !== "producer" && style !== "buyer")
            throw new StationError("CLI_USAGE", usage);
          const result = d.compliance.check(
            d.batches.require(need(id, "LOT", usage)),
            parseBasis(values.basis),
            undefined,
            style,
          );
          printResult(result, values.json, () => gateText(result));
          return result.ok ? EXIT_OK : EXIT_FAILURE;
        }
        case "void": {
          const c = d.certificates.void(
            need(id, "NUMBER", usage),
            need(values.reason, "--reason", usage),
            cliActor(),
          );
          printResult(
            c,
            values.json,
            () => `已作废 / voided: ${human(c, cli.zone)}  原因 / reason: ${c.voidReason}`,
          );
          return EXIT_OK;
        }
        case "clear-review": {
          const c = d.reviews.clear(
            need(id, "NUMBER", usage),
            need(values.reason, "--reason", usage),
            cliActor(),
          );
          printResult(c, values.json, () => `已解除待复核 / review cleared: ${human(c, cli.zone)}`);
          return EXIT_OK;
        }
        case "reprint": {
          const c = d.certificates.reprint(need(id, "NUMBER", usage));
          printResult(c, values.json, () => `补打 / reprint ${c.reprintCount}: ${human(c, cli.zone)}`);
          return EXIT_OK;
        }
        case "show": {
          const c = d.certificates.require(need(id, "NUMBER", usage));
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
          printRows(d.certificates.list(), values.json ?? false, (r) => human(r, cli.zone));
          return EXIT_OK;
        default:
          throw usageError(usage);
      }
    } finally {
      cli.close();
    }
  },
};
