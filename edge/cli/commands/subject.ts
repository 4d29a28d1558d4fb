import "../cli-codes.js";
import { StationError } from "../../core/station-error.js";
import { need, needOneOf, openDomainCli, printResult } from "../../domain/cli/domain-cli.js";
import { SUBJECT_ID_KINDS, SUBJECT_KINDS, type SubjectIdKind } from "../../domain/records.js";
import { type Command, EXIT_OK } from "../command.js";
import { DATA_OPTIONS, parseCommandArgs, usageError } from "../context.js";

const usage = [
  "trace-station subject set --name NAME --kind producer|buyer --id CODE [--id-kind credit_code|licence|id_card] [--address A] [--origin REGION] [--contact C] [--json]",
  "trace-station subject show [--json]",
].join("\n       ");

/** The producer or buyer running the station (承诺主体). */
export const subjectCommand: Command = {
  name: "subject",
  summary: { zh: "设置或查看生产经营主体", en: "set or show the subject running the station" },
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        options: {
          ...DATA_OPTIONS,
          name: { type: "string" },
          kind: { type: "string" },
          id: { type: "string" },
          "id-kind": { type: "string" },
          address: { type: "string" },
          origin: { type: "string" },
          contact: { type: "string" },
        },
        allowPositionals: true,
      },
      usage,
    );
    const cli = openDomainCli(values);
    try {
      if (positionals[0] === "set") {
        const kind = needOneOf(values.kind, SUBJECT_KINDS, "--kind", usage);
        const idKind = values["id-kind"];
        if (idKind && !(SUBJECT_ID_KINDS as readonly string[]).includes(idKind))
          throw new StationError("CLI_USAGE", usage);
        const s = cli.domain.master.setSubject({
          name: need(values.name, "--name", usage),
          kind,
          idNumber: need(values.id, "--id", usage),
          idKind: idKind as SubjectIdKind | undefined,
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
      if (positionals[0] === "show") {
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
};
