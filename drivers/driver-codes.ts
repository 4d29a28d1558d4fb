import { type CodesOf, defineCodes } from "../edge/core/error-codes.js";

/** Codes of the device drivers (serial scales, Modbus sensors, scanners, simulators). */
export const driverCodes = defineCodes({
  DRIVER_SERIAL_OPEN_FAILED: {
    title: { zh: "串口打不开", en: "Serial port cannot be opened" },
    remedy: {
      zh: "检查路径（推荐 /dev/serial/by-id/...）、站点用户是否在 dialout 组、是否被其他程序占用；设备插上后会自动重连",
      en: "Check the path (prefer /dev/serial/by-id/...), that the station user is in the dialout group and that no other program holds the port; it reconnects once the device is back",
    },
  },
  DRIVER_DEVICE_ABSENT: {
    title: { zh: "设备未连接", en: "Device is not connected" },
    remedy: {
      zh: "检查 USB/RS-232/RS-485 线和电源；拔插后站点会自动重连，无需重启",
      en: "Check the USB/RS-232/RS-485 cable and power; after replugging the station reconnects by itself",
    },
  },
  DRIVER_NO_FRAMES: {
    title: { zh: "串口有数据但认不出帧", en: "Bytes arrive but no frame is recognised" },
    remedy: {
      zh: "核对仪表的输出格式与 protocol 设置（见 drivers/README.md 对照表）以及波特率、数据位、校验位",
      en: "Match the indicator's output format to the protocol setting (table in drivers/README.md) and check baud rate, data bits and parity",
    },
  },
  DRIVER_SILENT: {
    title: { zh: "仪表不发数据", en: "Indicator sends nothing" },
    remedy: {
      zh: "串口已打开但收不到任何字节：把仪表通讯方式设为“连续发送”（耀华 tf=0 等）或问答式协议设对地址；检查仪表 TXD→转换器 RXD 和 GND 接线、仪表是否开机",
      en: "The port is open but no byte arrives: set the indicator to continuous output (Yaohua tf=0 etc.) or, for polled protocols, the right address; check indicator TXD → adapter RXD and GND, and that the indicator is on",
    },
  },
  DRIVER_CHECKSUM_ERRORS: {
    title: { zh: "校验错误过多", en: "Too many checksum errors" },
    remedy: {
      zh: "检查接线与屏蔽、线长、波特率和校验位（托利多常用 7E1）；干扰大时缩短线缆或加隔离器",
      en: "Check wiring and shielding, cable length, baud rate and parity (Toledo often 7E1); shorten the cable or add an isolator",
    },
  },
  DRIVER_MODBUS_TIMEOUT: {
    title: { zh: "Modbus 传感器无应答", en: "Modbus sensor does not answer" },
    remedy: {
      zh: "检查传感器地址、波特率、A/B 线是否接反、供电（多为 12–24 V）；同一总线上地址不能重复",
      en: "Check the sensor's address and baud rate, whether A/B are swapped, and its supply (often 12–24 V); addresses on one bus must be unique",
    },
  },
  DRIVER_MODBUS_EXCEPTION: {
    title: { zh: "Modbus 传感器返回异常码", en: "Modbus sensor answered with an exception" },
    remedy: {
      zh: "寄存器表与传感器型号不符：换用正确的 model，或确认该型号用功能码 03 还是 04",
      en: "The register map does not fit the sensor: pick the right model, or check whether it uses function 03 or 04",
    },
  },
  DRIVER_MODBUS_ECHO: {
    title: { zh: "RS-485 转换器回显了请求", en: "The RS-485 adapter echoes the request" },
    remedy: {
      zh: "这类转换器把发出的请求原样收回：在该总线配置里设 echo: true，或换用自动收发的转换器",
      en: "This adapter receives its own request bytes: set echo: true on the bus, or use an adapter with automatic direction control",
    },
  },
  DRIVER_MODEL_INVALID: {
    title: { zh: "传感器寄存器表文件有误", en: "Sensor register map file is invalid" },
    remedy: {
      zh: "按 drivers/README.md 的格式改正 drivers/modbus/models 下的 JSON 文件",
      en: "Fix the JSON file under drivers/modbus/models as drivers/README.md describes",
    },
  },
  DRIVER_MODEL_UNKNOWN: {
    title: { zh: "未知的传感器型号", en: "Unknown sensor model" },
    remedy: {
      zh: "model 须是 drivers/modbus/models 中某个文件名（不含 .json），或在 modelsDir 中添加寄存器表",
      en: "model must name a file in drivers/modbus/models (without .json), or add a register map to modelsDir",
    },
  },
  DRIVER_SCAN_ENCODING: {
    title: { zh: "扫码内容不符合设定的编码", en: "Scanned code is not valid in the configured encoding" },
    remedy: {
      zh: "该码未入库：把扫码枪的 encoding 设为它实际发出的编码（国产扫码枪读中文多为 gbk），或扫说明书里的设置码改成 UTF-8 输出",
      en: "The code was not stored: set the scanner's encoding to what it really sends (Chinese-market scanners often gbk), or scan the manual's setup code for UTF-8 output",
    },
  },
  DRIVER_RFID_FRAME: {
    title: { zh: "电子耳标读卡器的输出认不出", en: "RFID reader output not recognised" },
    remedy: {
      zh: "把读卡器设为 ISO 十进制输出（如 982 000123456789 或 Allflex 的 LA 格式），或 134.2K 模块的标准 30 字节帧；支持的格式见 drivers/README.md",
      en: "Set the reader to ISO decimal output (982 000123456789, Allflex LA) or the 30-byte 134.2 kHz module frame; formats in drivers/README.md",
    },
  },
  DRIVER_SIMULATOR_FAILED: {
    title: { zh: "模拟器无法运行", en: "Simulator cannot run" },
    remedy: {
      zh: "检查 --port 是否存在（可用 socat 建一对虚拟串口）、--mqtt 地址和设备密码",
      en: "Check that --port exists (socat can make a pty pair), and the --mqtt URL and device password",
    },
  },
});

declare module "../edge/core/error-codes.js" {
  interface ErrorCodes extends CodesOf<typeof driverCodes> {}
}
