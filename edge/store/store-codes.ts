import { type CodesOf, defineCodes } from "../core/error-codes.js";

/** Codes of the SQLite store: opening, migrating, writing. */
export const storeCodes = defineCodes({
  STORE_OPEN_FAILED: {
    title: { zh: "无法打开数据库", en: "Database cannot be opened" },
    remedy: {
      zh: "检查数据目录是否存在、可写，磁盘是否已满",
      en: "Check that the data directory exists and is writable and that the disk is not full",
    },
  },
  STORE_MIGRATION_FAILED: {
    title: { zh: "数据库升级失败", en: "Database migration failed" },
    remedy: {
      zh: "数据未被改动（迁移在事务内）；保留日志并联系维护人员，可回滚到上一版本",
      en: "Nothing was changed (migrations run in a transaction); keep the log, roll back to the previous release and report it",
    },
  },
  STORE_WRITE_FAILED: {
    title: { zh: "写入数据库失败", en: "Writing to the database failed" },
    remedy: {
      zh: "检查磁盘空间和存储卡；设备会重发未确认的消息",
      en: "Check free disk space and the SD card; devices resend unacknowledged messages",
    },
  },
});

declare module "../core/error-codes.js" {
  interface ErrorCodes extends CodesOf<typeof storeCodes> {}
}
