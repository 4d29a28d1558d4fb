import { describe, expect, it } from "vitest";
import {
  decodeLine,
  decodeModuleFrame,
  encodeModuleFrame,
  splitReads,
} from "../../../drivers/rfid/fdx-frames.js";

/** The module vendor's worked example: country 900, national ID 250000023921. */
const VENDOR_EXAMPLE = Buffer.from(
  "02 31 37 31 41 39 32 35 33 41 33 34 38 33 30 30 31 30 30 30 30 30 30 30 30 30 30 07 f8 03".replace(
    / /g,
    "",
  ),
  "hex",
);

describe("134.2 kHz reader outputs", () => {
  it("decodes the module vendor's worked example frame", () => {
    expect(decodeModuleFrame(VENDOR_EXAMPLE)).toEqual({
      kind: "read",
      read: { iso: "900250000023921", country: "900", national: "250000023921", format: "hex-module" },
    });
  });

  it("encodes what it decodes", () => {
    expect(encodeModuleFrame(900, 250000023921)).toEqual(VENDOR_EXAMPLE);
  });

  it("refuses a module frame whose checksum does not match", () => {
    const bad = Buffer.from(VENDOR_EXAMPLE);
    bad[5] = 0x30;
    expect(decodeModuleFrame(bad)).toMatchObject({ kind: "refused", reason: "checksum" });
  });

  it.each([
    ["LA 982 000001088420", "982000001088420", "allflex-la"],
    ["982 000123456789", "982000123456789", "decimal"],
    ["982000123456789", "982000123456789", "decimal"],
    ["156.000000012345", "156000000012345", "decimal"],
    ["\u0002982_000123456789", "982000123456789", "decimal"],
  ])("reads the line %j", (line, code, format) => {
    expect(decodeLine(line)).toMatchObject({ iso: code, format });
  });

  it.each(["LR 0006 0000000018514243", "98200012345678", "982 999999999999", "hello"])(
    "refuses the line %j",
    (line) => {
      expect(decodeLine(line)).toBeUndefined();
    },
  );

  it("splits a stream cut anywhere into the same reads", () => {
    const stream = Buffer.concat([
      Buffer.from("LA 982 000001088420\r\n", "latin1"),
      encodeModuleFrame(156, 12345),
      Buffer.from("noise\r\n982000123456789\r", "latin1"),
    ]);
    for (let cut = 1; cut < stream.length; cut += 7) {
      const a = splitReads(stream.subarray(0, cut));
      const b = splitReads(Buffer.concat([a.rest, stream.subarray(cut)]));
      const codes = [...a.results, ...b.results].map((r) => (r.kind === "read" ? r.read.iso : r.reason));
      expect(codes).toEqual(["982000001088420", "156000000012345", "format", "982000123456789"]);
    }
  });
});
