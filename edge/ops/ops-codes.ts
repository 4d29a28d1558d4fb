import { type CodesOf, defineCodes } from "../core/error-codes.js";

/** Codes of operations: alarms the station raises and the checks `trace-station doctor` runs. */
export const opsCodes = defineCodes({
  OPS_DISK_LOW: {
    title: {
      zh: "磁盘剩余空间低于下限，已暂停接收数据",
      en: "Free disk space is under the floor; intake paused",
    },
    remedy: {
      zh: "清理数据目录所在磁盘（旧日志：journalctl --vacuum-size=100M）或换更大的存储卡；打印和上传照常，空间恢复后自动继续接收",
      en: "Free space on the data disk (old logs: journalctl --vacuum-size=100M) or use a larger card; printing and uplink carry on and intake resumes by itself",
    },
  },
  OPS_DATA_DIR_NOT_WRITABLE: {
    title: { zh: "数据目录不可写", en: "Data directory is not writable" },
    remedy: {
      zh: "检查目录属主（应为 trace-station 用户）：sudo chown -R trace-station: /var/lib/trace-station",
      en: "Check the owner (the trace-station user): sudo chown -R trace-station: /var/lib/trace-station",
    },
  },
  OPS_DATA_FOREIGN_OWNED: {
    title: { zh: "数据目录或数据库属于其他用户", en: "Data directory or database belongs to another user" },
    remedy: {
      zh: "把属主改回服务用户：sudo chown -R trace-station: /var/lib/trace-station；命令行工具用服务用户运行：sudo -u trace-station trace-station …",
      en: "Give it back to the service user: sudo chown -R trace-station: /var/lib/trace-station; run CLI commands as that user: sudo -u trace-station trace-station …",
    },
  },
  OPS_DEMO_ENABLED: {
    title: { zh: "演示模式已开启", en: "Demo mode is on" },
    remedy: {
      zh: "正式站点在配置中设 demo.enabled: false，否则演示产品、地块和模拟秤会混入真实记录",
      en: "Set demo.enabled: false on a real station, or demo products, sites and a simulated scale mix into real records",
    },
  },
  OPS_QR_UNREACHABLE: {
    title: { zh: "消费者手机打不开二维码网址", en: "Consumers' phones cannot open the QR base URL" },
    remedy: {
      zh: "把 labels.qr.baseUrl 改成公网可访问的地址（如 https://trace.合作社域名.cn）；确实只在车间 Wi-Fi 内扫码时，在 labels.qr.reachNote 写明原因",
      en: "Set labels.qr.baseUrl to an address reachable from the internet; if scanning happens only on the shed's Wi-Fi, say so in labels.qr.reachNote",
    },
  },
  OPS_SNAPSHOT_FAILED: {
    title: { zh: "升级数据库前无法保存快照", en: "No snapshot could be taken before a database migration" },
    remedy: {
      zh: "数据未改动、未迁移。腾出数据目录所在磁盘空间（快照约与 station.db 一样大）后重启；旧快照在 数据目录/snapshots",
      en: "Nothing was migrated. Free disk space (a snapshot is about the size of station.db) and restart; old snapshots are in <data>/snapshots",
    },
  },
  OPS_BACKUP_FAILED: {
    title: { zh: "备份失败", en: "Backup failed" },
    remedy: {
      zh: "检查目标目录存在、可写、空间足够；备份不影响运行中的站点，可直接重试",
      en: "Check that the target directory exists, is writable and has room; backing up does not disturb the station, so just retry",
    },
  },
  OPS_RESTORE_INVALID: {
    title: { zh: "该文件不能用于恢复", en: "This file cannot be restored" },
    remedy: {
      zh: "只能恢复 trace-station backup 生成的文件或 数据目录/snapshots 中的快照；来自更新版本的备份需先升级程序",
      en: "Restore only files from trace-station backup or <data>/snapshots; a backup from a newer release needs that release first",
    },
  },
  OPS_RESTORE_STATION_RUNNING: {
    title: { zh: "站点正在运行，不能恢复", en: "The station is running; cannot restore" },
    remedy: {
      zh: "先停止服务：sudo systemctl stop trace-station，恢复后再启动",
      en: "Stop it first: sudo systemctl stop trace-station, then restore and start it again",
    },
  },
  OPS_SERIAL_MISSING: {
    title: { zh: "串口设备不存在", en: "Serial device is missing" },
    remedy: {
      zh: "检查 USB 线和转换器；ls -l /dev/trace/ /dev/ttyUSB*；确认 udev 规则里的厂商/产品/序列号（见技术手册 udev 一节）",
      en: "Check the USB cable and adapter; ls -l /dev/trace/ /dev/ttyUSB*; check the ids in the udev rules (guide, udev section)",
    },
  },
  OPS_SERIAL_DENIED: {
    title: { zh: "串口设备无法打开", en: "Serial device cannot be opened" },
    remedy: {
      zh: "确认 trace-station 用户在 dialout 组，设备权限 0660 组 dialout（udev 规则）；另一程序（如 ModemManager）可能占用",
      en: "Check the trace-station user is in dialout and the device is 0660 group dialout (udev rules); another program (ModemManager) may hold it",
    },
  },
  OPS_PRINTER_UNREACHABLE: {
    title: { zh: "打印机无法连接", en: "Printer is unreachable" },
    remedy: {
      zh: "检查打印机电源、网线或 USB 线，打印机 IP（按住 FEED 开机打印自检页）与配置一致",
      en: "Check power and cable; print a self-test page (hold FEED at power-on) and compare its IP with the config",
    },
  },
  OPS_UPSTREAM_UNREACHABLE: {
    title: { zh: "上级平台无法连接", en: "Upstream is unreachable" },
    remedy: {
      zh: "检查网络与 DNS（ping、nslookup）和配置的上级地址；断网期间数据保存在本机，联网后自动补传",
      en: "Check network and DNS (ping, nslookup) and the upstream address; records wait on the station and go up once connected",
    },
  },
  OPS_CLOCK_UNSET: {
    title: {
      zh: "系统时钟未校准（时间早于本版本发布）",
      en: "System clock is not set (earlier than this release)",
    },
    remedy: {
      zh: "设备无实时时钟时开机须联网对时：timedatectl set-ntp true，或手动 sudo date -s '2026-05-01 08:00'；校时前的读数已被标记",
      en: "A box without an RTC needs network time at boot: timedatectl set-ntp true, or sudo date -s '2026-05-01 08:00'; readings from before are flagged",
    },
  },
  OPS_CLOCK_BEHIND: {
    title: { zh: "系统时钟比已存数据还早", en: "System clock is behind stored data" },
    remedy: {
      zh: "时钟回退了（断电后无实时时钟）：联网对时或手动设置时间，再重启 trace-station；检查 RTC 电池",
      en: "The clock went back (no RTC after a power cut): sync or set the time, then restart trace-station; check the RTC battery",
    },
  },
});

declare module "../core/error-codes.js" {
  interface ErrorCodes extends CodesOf<typeof opsCodes> {}
}
