import type { CodeTable } from "./code-entry.js";

/** Codes of the station core: configuration, storage, broker, CLI. */
export const coreCodes = {
  CONFIG_INVALID: {
    title: { zh: "配置文件有误", en: "Configuration is invalid" },
    remedy: {
      zh: "按列出的路径逐项改正配置文件，再运行 trace-station doctor 检查",
      en: "Fix each listed path in the config file, then run trace-station doctor",
    },
  },
  CONFIG_UNREADABLE: {
    title: { zh: "无法读取配置文件", en: "Configuration file cannot be read" },
    remedy: {
      zh: "确认 --config 指向的文件存在、可读，且是合法的 YAML 或 JSON",
      en: "Check that the --config file exists, is readable and is valid YAML or JSON",
    },
  },
  CONFIG_VERSION_UNSUPPORTED: {
    title: { zh: "配置文件版本过新", en: "Configuration version is newer than this station" },
    remedy: {
      zh: "升级 trace-station，或使用本版本 trace-station init 生成的配置",
      en: "Upgrade trace-station, or use a config written by this version's trace-station init",
    },
  },
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
  DEVICE_EXISTS: {
    title: { zh: "设备编号已存在", en: "Device id already exists" },
    remedy: {
      zh: "换一个编号，或先 trace-station device remove 旧设备",
      en: "Choose another id, or remove the old device first with trace-station device remove",
    },
  },
  DEVICE_NOT_FOUND: {
    title: { zh: "设备不存在", en: "Device not found" },
    remedy: {
      zh: "用 trace-station device list 查看已登记的设备",
      en: "List devices with trace-station device list",
    },
  },
  DEVICE_ID_INVALID: {
    title: { zh: "设备编号格式不对", en: "Device id is not valid" },
    remedy: {
      zh: "设备编号只能用 1–64 个英文字母、数字、- 或 _",
      en: "Use 1–64 ASCII letters, digits, - or _ for a device id",
    },
  },
  MQTT_AUTH_FAILED: {
    title: { zh: "设备用户名或密码错误", en: "Device username or password is wrong" },
    remedy: {
      zh: "MQTT 用户名填设备编号，密码用 device add 时打印的密码；忘记时重置凭据",
      en: "Use the device id as MQTT username and the password printed by device add; reset credentials if lost",
    },
  },
  MQTT_ACL_DENIED: {
    title: { zh: "设备无权发布或订阅该主题", en: "Device may not publish or subscribe to this topic" },
    remedy: {
      zh: "设备只能发布到 trace/v1/dev/{自己的编号}/...，只能订阅自己的 cmd/ 和 error",
      en: "A device publishes only under trace/v1/dev/{its id}/ and subscribes only to its own cmd/ and error",
    },
  },
  CLI_USAGE: {
    title: { zh: "命令用法不对", en: "Command usage is wrong" },
    remedy: { zh: "运行 trace-station help 查看用法", en: "Run trace-station help for usage" },
  },
  TIME_INVALID: {
    title: { zh: "时间格式不对", en: "Time is not valid" },
    remedy: {
      zh: "用 ISO-8601（如 2026-05-01T08:00:00+08:00）或毫秒时间戳",
      en: "Use ISO-8601 (e.g. 2026-05-01T08:00:00+08:00) or epoch milliseconds",
    },
  },
} satisfies CodeTable;
