import type { Bitmap } from "../bitmap.js";
import { encodeGbk } from "../gbk.js";

/**
 * TSPL/TSPL2 commands (TSC TSPL/TSPL2 Programming Manual), one per line ending CR LF, encoded
 * GBK so TSS24.BF2 prints GB 2312 hanzi. Coordinates are dots from the top-left corner.
 */
export class TsplBuilder {
  private readonly parts: Buffer[] = [];

  private line(command: string): this {
    this.parts.push(encodeGbk(command), CRLF);
    return this;
  }

  /** SIZE m mm,n mm: label width and height. */
  size(widthMm: number, heightMm: number): this {
    return this.line(`SIZE ${mm(widthMm)} mm,${mm(heightMm)} mm`);
  }

  /** GAP m mm,n mm: gap between labels and its offset; 0,0 for continuous media. */
  gap(gapMm: number, offsetMm = 0): this {
    return this.line(`GAP ${mm(gapMm)} mm,${mm(offsetMm)} mm`);
  }

  /** DIRECTION n: 0 or 1, which way the label comes out. */
  direction(n: 0 | 1): this {
    return this.line(`DIRECTION ${n}`);
  }

  /** CLS: clear the image buffer. */
  cls(): this {
    return this.line("CLS");
  }

  /** TEXT x,y,"font",rotation,x-multiplication,y-multiplication,"content". */
  text(x: number, y: number, font: string, multiplier: number, content: string): this {
    return this.line(`TEXT ${x},${y},${quote(font)},0,${multiplier},${multiplier},${quote(content)}`);
  }

  /** QRCODE x,y,ECC level,cell width,mode,rotation,"content"; A = automatic encoding mode. */
  qrcode(x: number, y: number, ecc: "L" | "M" | "Q" | "H", cellWidth: number, content: string): this {
    return this.line(`QRCODE ${x},${y},${ecc},${cellWidth},A,0,${quote(content)}`);
  }

  /** BAR x,y,width,height: a filled rectangle (rules). */
  bar(x: number, y: number, width: number, height: number): this {
    return this.line(`BAR ${x},${y},${width},${height}`);
  }

  /** BOX x,y,x_end,y_end,line thickness. */
  box(x: number, y: number, xEnd: number, yEnd: number, thickness: number): this {
    return this.line(`BOX ${x},${y},${xEnd},${yEnd},${thickness}`);
  }

  /**
   * BITMAP x,y,width in bytes,height,mode,data. Mode 0 overwrites. TSPL bitmap bits are 0 for
   * a printed dot, the inverse of our 1 = black bitmaps, hence the complement.
   */
  bitmap(x: number, y: number, image: Bitmap): this {
    const data = Buffer.from(image.data.map((b) => ~b & 0xff));
    this.parts.push(encodeGbk(`BITMAP ${x},${y},${image.rowBytes},${image.height},0,`), data, CRLF);
    return this;
  }

  /** PRINT m,n: m label sets, n copies each. */
  print(sets = 1, copies = 1): this {
    return this.line(`PRINT ${sets},${copies}`);
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.parts);
  }
}

const CRLF = Buffer.from("\r\n");

const mm = (n: number) => String(Math.round(n * 10) / 10);

/**
 * A TSPL string literal. The manual's escape for a double quote inside content is \["];
 * CR and LF would end the command, so they become spaces.
 */
export function quote(content: string): string {
  return `"${content.replace(/[\r\n]/g, " ").replace(/"/g, '\\["]')}"`;
}
