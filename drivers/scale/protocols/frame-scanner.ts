import type { DecodeResult, ScaleFrame } from "./types.js";

/** What a protocol says about the bytes at one offset. */
export type Attempt =
  /** Could be a frame, but its end has not arrived yet. */
  | { t: "more" }
  /** Not a frame here: one byte of garbage, resynchronise at the next byte. */
  | { t: "skip" }
  /** Well-formed but the checksum is wrong: drop `length` bytes. */
  | { t: "checksum"; length: number }
  /** A frame of `length` bytes; `frame` undefined for a valid line the station has no use for. */
  | { t: "frame"; length: number; frame?: ScaleFrame };

/**
 * The resynchronising loop every scale decoder shares: try each offset, keep an incomplete
 * tail for the next chunk, count what was thrown away. CR and LF between frames are line
 * separators, not garbage. The kept tail is bounded so a stream of noise cannot grow it.
 */
export function scanFrames(
  bytes: Buffer,
  tryAt: (bytes: Buffer, at: number) => Attempt,
  maxFrame: number,
): DecodeResult {
  const frames: ScaleFrame[] = [];
  let garbageBytes = 0;
  let checksumErrors = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b === 0x0d || b === 0x0a) {
      i++;
      continue;
    }
    const attempt = tryAt(bytes, i);
    if (attempt.t === "more") {
      if (bytes.length - i > maxFrame) {
        garbageBytes++;
        i++;
        continue;
      }
      break;
    }
    if (attempt.t === "skip") {
      garbageBytes++;
      i++;
    } else if (attempt.t === "checksum") {
      checksumErrors++;
      i += attempt.length;
    } else {
      if (attempt.frame) frames.push(attempt.frame);
      i += attempt.length;
    }
  }
  return { frames, rest: Buffer.from(bytes.subarray(i)), garbageBytes, checksumErrors };
}

/** Offset of the first CR or LF at or after `from`, or -1. */
export function lineEnd(bytes: Buffer, from: number, limit: number): number {
  const end = Math.min(bytes.length, from + limit);
  for (let j = from; j < end; j++) {
    const b = bytes[j];
    if (b === 0x0d || b === 0x0a) return j;
  }
  return -1;
}
