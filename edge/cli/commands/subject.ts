import "../cli-codes.js";
import { need, openDomainCli, printResult } from "../../domain/cli/domain-cli.js";
import { SUBJECT_ID_KINDS, SUBJECT_KINDS } from "../../domain/records.js";
import { EXIT_OK } from "../command.js";
import { usageError } from "../context.js";
import { DATA_COMMON, DATA_OPTION_SPECS } from "../spec/data-options.js";
import { defineCommand } from "../spec/define-command.js";

/** The producer or buyer running the station (承诺主体). */
export const subjectCommand = defineCommand({
  name: "subject",
  summary: { zh: "设置或查看生产经营主体", en: "set or show the subject running the station" },
  options: {
    ...DATA_OPTION_SPECS,
    name: { type: "string", value: "NAME", help: { zh: "主体名称", en: "name" } },
    kind: { type: "string", choices: SUBJECT_KINDS, help: { zh: "生产者或收购者", en: "producer or buyer" } },
    id: { type: "string", value: "CODE", help: { zh: "证件号码", en: "id number" } },
    "id-kind": { type: "string", choices: SUBJECT_ID_KINDS, help: { zh: "证件类型", en: "id kind" } },
    address: { type: "string", value: "A", help: { zh: "地址", en: "address" } },
    origin: { type: "string", value: "REGION", help: { zh: "产地", en: "region of origin" } },
    contact: { type: "string", value: "C", help: { zh: "联系方式", en: "contact" } },
  },
  common: DATA_COMMON,
  actions: {
    set: {
      summary: { zh: "设置主体", en: "set the subject" },
      options: ["name", "kind", "id", "id-kind", "address", "origin", "contact"],
      required: ["name", "kind", "id"],
    },
    show: { summary: { zh: "查看主体", en: "show the subject" } },
  },
  async run({ action, values, usage }) {
    const cli = openDomainCli(values);
    try {
      if (action === "set") {
        const kind = need(values.kind, "--kind", usage);
        const idKind = values["id-kind"];
        const s = cli.domain.master.setSubject({
          name: need(values.name, "--name", usage),
          kind,
          idNumber: need(values.id, "--id", usage),
          idKind,
          address: values.address,
          originRegion: values.origin,
          contact: values.contact,
        });
        printResult(
          s,
          values.json,
          () => `主体已设置 / subject set: ${s.name} (${s.kind}, ${s.idKind} ${s.idNumber})`,
        );
        return EXIT_OK;
      }
      if (action === "show") {
        const s = cli.domain.master.requireSubject();
        printResult(s, values.json, () =>
          [
            `${s.name}  (${s.kind})`,
            `  ${s.idKind}: ${s.idNumber}`,
            `  产地 / origin: ${s.originRegion ?? "-"}   地址 / address: ${s.address ?? "-"}`,
            `  联系方式 / contact: ${s.contact ?? "-"}`,
          ].join("\n"),
        );
        return EXIT_OK;
      }
      throw usageError(usage);
    } finally {
      cli.close();
    }
  },
});
