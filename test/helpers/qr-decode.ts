import jsQRModule from "jsqr";
import { PNG } from "pngjs";

type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

// jsqr is CommonJS with an ES-style `export default` in its types; at run time the default
// import is either the function or a namespace holding it, depending on the loader.
const jsQR: Decode =
  typeof jsQRModule === "function"
    ? (jsQRModule as unknown as Decode)
    : (jsQRModule as unknown as { default: Decode }).default;

/** The text of the QR symbol in an RGBA image, or undefined when none decodes. */
export function decodeQr(rgba: Uint8ClampedArray, width: number, height: number): string | undefined {
  return jsQR(rgba, width, height)?.data;
}

/** The text of the QR symbol in a PNG file's bytes. */
export function decodeQrPng(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return decodeQr(new Uint8ClampedArray(image.data), image.width, image.height);
}
