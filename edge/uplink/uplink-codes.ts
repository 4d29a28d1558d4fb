import { type CodesOf, defineCodes } from "../core/error-codes.js";

/** Codes of the uplink (store-and-forward to upstream platforms) and of the EPCIS export. */
export const uplinkCodes = defineCodes({
  UPLINK_CONNECT_FAILED: {
    title: { zh: "无法连接上游服务器", en: "Cannot connect to the upstream server" },
    remedy: {
      zh: "检查网络、上游地址和端口、证书与账号；数据已在本地保存，恢复后自动补传",
      en: "Check the network, upstream URL and port, certificates and credentials; data is kept locally and sent once the upstream is back",
    },
  },
  UPLINK_PUBLISH_FAILED: {
    title: { zh: "上游未确认消息", en: "The upstream did not acknowledge a message" },
    remedy: {
      zh: "查看上游服务器日志（权限、主题、大小限制）；站点会重连后重发",
      en: "Check the upstream broker's log (ACL, topic, size limits); the station reconnects and resends",
    },
  },
  UPLINK_HTTP_RETRYABLE: {
    title: { zh: "上游接口暂时失败（超时或 5xx）", en: "Upstream endpoint failed for now (timeout or 5xx)" },
    remedy: {
      zh: "无需操作：站点按退避时间自动重试；长时间失败请联系平台方",
      en: "Nothing to do: the station retries with backoff; if it lasts, contact the platform operator",
    },
  },
  UPLINK_HTTP_REJECTED: {
    title: { zh: "上游接口拒收记录（4xx）", en: "Upstream endpoint rejected a record (4xx)" },
    remedy: {
      zh: "用 trace-station uplink status 查看原因，改正配置或数据后运行 trace-station uplink retry",
      en: "See the reason with trace-station uplink status, fix the config or data, then run trace-station uplink retry",
    },
  },
  UPLINK_FILE_UNREADABLE: {
    title: { zh: "无法读取上传通道的证书文件", en: "A sink's certificate file cannot be read" },
    remedy: {
      zh: "检查 uplink.sinks 中 ca、cert、key 的路径和文件权限",
      en: "Check the ca, cert and key paths in uplink.sinks and their file permissions",
    },
  },
  UPLINK_SINK_DUPLICATE: {
    title: { zh: "上传通道名称重复", en: "Two sinks have the same name" },
    remedy: {
      zh: "uplink.sinks 中每个通道的 name 须唯一",
      en: "Give every sink in uplink.sinks its own name",
    },
  },
  UPLINK_SINK_UNKNOWN: {
    title: { zh: "没有这个上传通道", en: "No such sink" },
    remedy: {
      zh: "用 trace-station uplink status 查看已配置的通道名称",
      en: "List the configured sink names with trace-station uplink status",
    },
  },
  UPLINK_FORMAT_UNAVAILABLE: {
    title: { zh: "上传格式不可用", en: "Sink format is not available" },
    remedy: {
      zh: "format: epcis 需要站点的业务记录（批次、包装、检测）；在完整站点中运行，或改用 format: station",
      en: "format: epcis needs the station's domain records (batches, packages, tests); run it in a full station or use format: station",
    },
  },
  EPCIS_NOTHING_TO_EXPORT: {
    title: { zh: "没有可导出的 EPCIS 事件", en: "No EPCIS events to export" },
    remedy: {
      zh: "检查 --batch 批次码或 --since 时间；批次须已登记",
      en: "Check the --batch lot code or the --since time; the batch must exist",
    },
  },
});

declare module "../core/error-codes.js" {
  interface ErrorCodes extends CodesOf<typeof uplinkCodes> {}
}
