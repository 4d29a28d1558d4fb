import { describe, expect, it } from "vitest";
import { certificateData, labelBook } from "../../helpers/label-fixtures.js";

const texts = (data: typeof certificateData) =>
  labelBook()
    .certificateLabel("cert-receipt-80", data, false)
    .label.elements.flatMap((e) => (e.kind === "text" ? [{ text: e.text, y: e.y }] : []));

/** Animals leave with a 动物检疫合格证明 (畜禽标识和养殖档案管理办法 第十三条); its number is on the certificate. */
describe("the quarantine certificate number on the 承诺达标合格证", () => {
  it("prints the number when the batch has one", () => {
    const lines = texts({ ...certificateData, quarantineNo: "6300123456" });
    expect(lines.map((l) => l.text)).toContain("动物检疫合格证明：6300123456");
  });

  it("leaves no blank row when it has none: the last line moves up", () => {
    const without = texts(certificateData);
    const withNo = texts({ ...certificateData, quarantineNo: "6300123456" });
    expect(without.some((l) => l.text.includes("动物检疫"))).toBe(false);
    const last = (lines: typeof without) => lines.at(-1)?.y ?? 0;
    expect(last(without)).toBeLessThan(last(withNo));
  });
});
