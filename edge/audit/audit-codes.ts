import { type CodesOf, defineCodes } from "../core/error-codes.js";

/** Codes of the hash-chained audit trail. */
export const auditCodes = defineCodes({
  AUDIT_CHAIN_BROKEN: {
    title: { zh: "审计记录被改动或删除", en: "The audit trail was edited or cut" },
    remedy: {
      zh: "从指出的那一行起的记录不可信：对照上传平台的审计副本和备份查明改动，保留数据库文件作证据，并报告主管",
      en: "Rows from the one named on cannot be trusted: compare with the uplinked audit copy and backups, keep the database file as evidence, tell a supervisor",
    },
  },
});

declare module "../core/error-codes.js" {
  interface ErrorCodes extends CodesOf<typeof auditCodes> {}
}
