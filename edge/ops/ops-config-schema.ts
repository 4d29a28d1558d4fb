import { Type } from "@sinclair/typebox";

/** Operations: disk floor, clock checks, systemd watchdog, metrics. */
export const OpsSection = Type.Object(
  {
    diskFloorMb: Type.Integer({
      minimum: 0,
      maximum: 1_000_000,
      default: 200,
      description:
        "数据目录所在磁盘的最低剩余空间（MB）：接收数据在到达此值之前暂停（每次提交后估算），留给操作屏、打印和数据库；0 = 不检查 / free-space floor under the data directory in MB: intake pauses before reaching it (estimated after every commit), the room under it stays for the kiosk, printing and the database (0 = off)",
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
