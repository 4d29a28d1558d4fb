import { type CodesOf, defineCodes } from "./error-codes.js";

/** Codes raised in every layer: configuration sections (each layer owns its schema) and ports that cannot be bound. */
export const coreCodes = defineCodes({
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
  OPS_PORT_IN_USE: {
    title: { zh: "端口被其他程序占用", en: "Port is taken by another program" },
    remedy: {
      zh: "用 ss -ltnp 查出占用者并停掉它（常见：mosquitto 占 1883），或在配置中改端口",
      en: "Find the owner with ss -ltnp and stop it (often mosquitto on 1883), or change the port in the config",
    },
  },
});

declare module "./error-codes.js" {
  interface ErrorCodes extends CodesOf<typeof coreCodes> {}
}
