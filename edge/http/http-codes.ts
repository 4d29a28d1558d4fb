import { type CodesOf, defineCodes } from "../core/error-codes.js";

/** Why the REST API or the kiosk refused a request. Each answer carries the code and both texts. */
export const httpCodes = defineCodes({
  HTTP_AUTH_REQUIRED: {
    title: { zh: "需要操作员 PIN 或管理令牌", en: "Kiosk PIN or admin token required" },
    remedy: {
      zh: "在操作屏输入 PIN；接口调用请带 X-Kiosk-Pin 头或 Authorization: Bearer <管理令牌>",
      en: "Enter the PIN on the kiosk; API clients send X-Kiosk-Pin or Authorization: Bearer <admin token>",
    },
  },
  HTTP_PIN_WRONG: {
    title: { zh: "PIN 不正确", en: "Wrong kiosk PIN" },
    remedy: {
      zh: "重新输入 PIN；忘记时请技术员用管理令牌或在配置 kiosk.pinHash 中重设",
      en: "Enter the PIN again; if forgotten, a technician resets kiosk.pinHash in the config",
    },
  },
  HTTP_TOKEN_WRONG: {
    title: { zh: "管理令牌不正确", en: "Wrong admin token" },
    remedy: {
      zh: "使用首次启动时打印的管理令牌，或在配置 kiosk.adminTokenHash 中重设",
      en: "Use the admin token printed on first start, or set kiosk.adminTokenHash in the config",
    },
  },
  HTTP_ADMIN_REQUIRED: {
    title: { zh: "此操作需要技术员（管理令牌）", en: "This action needs the admin token" },
    remedy: {
      zh: "请主管或技术员输入管理令牌后再操作（放行、作废、重置设备密码）",
      en: "Ask a supervisor or technician to enter the admin token (override, void, credential reset)",
    },
  },
  HTTP_PIN_LOCKED: {
    title: {
      zh: "PIN 或令牌输错次数过多，全站暂时锁定",
      en: "Too many wrong PINs or tokens: sign-in locked for a while",
    },
    remedy: {
      zh: "按提示的时间等待后再试（每次锁定加倍，最长 30 分钟）；如非本人操作，查看日志中的来源地址，检查局域网中是否有人猜测 PIN",
      en: "Wait the time shown (each lock doubles, up to 30 min); if it was not you, read the source addresses in the journal and find who on the LAN is guessing",
    },
  },
  HTTP_BODY_TOO_LARGE: {
    title: { zh: "请求内容过大", en: "Request body too large" },
    remedy: {
      zh: "一次提交的数据不要超过 1 MB；大量记录请分批提交",
      en: "Keep a request under 1 MB; send many records in several requests",
    },
  },
  HTTP_DISK_FULL: {
    title: { zh: "磁盘已满，本次操作未保存", en: "Disk full: this change was not saved" },
    remedy: {
      zh: "清理数据目录所在磁盘（导出并清除旧读数、日志），或换更大的存储卡；打印和已保存的数据不受影响",
      en: "Free space on the data directory's disk (export and prune old readings, logs) or fit a larger card; printing and saved data are unaffected",
    },
  },
  HTTP_ACCESS_FILE_INVALID: {
    title: { zh: "操作屏凭据文件损坏", en: "Kiosk access file is damaged" },
    remedy: {
      zh: "删除数据目录中的 kiosk-access.json 后重启，新的 PIN 和管理令牌只显示一次（终端上，或写入数据目录的 first-start-secrets.txt）",
      en: "Delete kiosk-access.json in the data directory and restart; a new PIN and token are shown once (on the terminal, or in first-start-secrets.txt in the data directory)",
    },
  },
  HTTP_BAD_REQUEST: {
    title: { zh: "请求内容不对", en: "The request is not valid" },
    remedy: {
      zh: "按 /api/openapi.json 中的说明改正所列字段",
      en: "Fix the listed field as /api/openapi.json describes",
    },
  },
  HTTP_NOT_FOUND: {
    title: { zh: "找不到该记录", en: "Record not found" },
    remedy: {
      zh: "检查编号或批次码是否输错；记录可能尚未同步到本站",
      en: "Check the id or lot code for typos; the record may not be on this station",
    },
  },
  HTTP_UNAVAILABLE: {
    title: { zh: "该功能在本站未启用", en: "This function is not running on this station" },
    remedy: {
      zh: "检查配置中打印机、电子秤或批次功能是否启用，并查看日志",
      en: "Check that printers, scales or batches are configured, and read the journal",
    },
  },
  HTTP_INTERNAL: {
    title: { zh: "站点内部错误", en: "Internal station error" },
    remedy: {
      zh: "查看日志（journalctl -u trace-station）并把错误编号告诉技术员",
      en: "Read the journal (journalctl -u trace-station) and report the request id",
    },
  },
});

declare module "../core/error-codes.js" {
  interface ErrorCodes extends CodesOf<typeof httpCodes> {}
}
