import { Type } from "@sinclair/typebox";

/** Operations: disk floor, clock checks, systemd watchdog, metrics. */
export const OpsSection = Type.Object(
  {
    diskFloorMb: Type.Integer({
      minimum: 0,
      maximum: 1_000_000,
      default: 200,
      description:
        "数据目录所在磁盘的最低剩余空间（MB），低于此值暂停接收数据；0 = 不检查 / free-space floor under the data directory in MB: below it intake pauses (0 = off)",
    }),
    diskResumeMarginMb: Type.Integer({
      minimum: 0,
      maximum: 1_000_000,
      default: 50,
      description:
        "空间回到 最低值+此值（MB）后才恢复接收，避免反复切换 / intake resumes once free space is back above floor + this margin (MB)",
    }),
    checkIntervalSec: Type.Integer({
      minimum: 1,
      maximum: 3600,
      default: 10,
      description: "磁盘与时钟检查间隔（秒）/ how often disk space and the clock are checked, in seconds",
    }),
    watchdog: Type.Boolean({
      default: true,
      description:
        "systemd 下发送就绪与看门狗通知（WatchdogSec）/ send readiness and watchdog pings to systemd when run under it",
    }),
    metrics: Type.Boolean({
      default: true,
      description: "在 HTTP 端口提供 /metrics（Prometheus 格式）/ serve Prometheus metrics at /metrics",
    }),
  },
  { additionalProperties: false, default: {} },
);
