import { type Static, Type } from "@sinclair/typebox";

/**
 * Which printer each packing line's labels go to. A scale without an entry prints on the
 * first printer whose `use` includes package; a packing house with one label printer per
 * scale names it here, so one line's labels never come out at another line's table.
 */
export const LineEntry = Type.Object(
  {
    scale: Type.String({
      pattern: "^[A-Za-z0-9_-]{1,64}$",
      description: "秤的设备编号（drivers.scales 的 id 或已注册的网络秤）/ the scale's device id",
    }),
    printer: Type.String({
      pattern: "^[a-zA-Z0-9_-]{1,32}$",
      description: "这条线的包装标签打印机（printers 中的 name）/ the printer for this line's package labels",
    }),
  },
  { additionalProperties: false },
);

export type LineConfig = Static<typeof LineEntry>;

export const LinesSection = Type.Array(LineEntry, {
  default: [],
  description:
    "每条包装线（每台秤）用哪台打印机；不写则用第一台打印包装标签的打印机 / the printer of each packing line (scale); unlisted scales use the first package printer. " +
    "例 / e.g. [{scale: scale1, printer: label1}, {scale: scale2, printer: label2}]",
});
