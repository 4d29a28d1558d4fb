import { SCALE_PROTOCOLS } from "../../drivers/scale/protocols/index.js";
import { SCALE_PROTOCOL_IDS } from "../../drivers/scale/protocols/types.js";

/**
 * Scale decoder throughput: a Raspberry Pi-class box must keep up with many indicators at
 * 9600 baud (≈ 1 kB/s each) with room to spare. Each protocol decodes a stream of its own
 * frames fed in 64-byte chunks (worst case for the carried-over tail), and the same stream
 * with 20% random garbage between frames.
 */
export async function run(): Promise<void> {
  const rows: string[] = [];
  for (const id of SCALE_PROTOCOL_IDS) {
    const p = SCALE_PROTOCOLS[id];
    const clean: Buffer[] = [];
    const dirty: Buffer[] = [];
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (let i = 0; i < 20_000; i++) {
      const frame = p.encode({ kg: Math.round(rand() * 50_000) / 1000, stable: rand() > 0.3 });
      clean.push(frame);
      const junk = Buffer.alloc(Math.floor(frame.length * 0.2 * rand() * 2));
      for (let j = 0; j < junk.length; j++) junk[j] = Math.floor(rand() * 256);
      dirty.push(junk, frame);
    }
    const measure = (stream: Buffer) => {
      const start = process.hrtime.bigint();
      let rest: Buffer = Buffer.alloc(0);
      let frames = 0;
      for (let i = 0; i < stream.length; i += 64) {
        const r = p.decode(Buffer.concat([rest, stream.subarray(i, i + 64)]));
        frames += r.frames.length;
        rest = r.rest;
      }
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      return { mbps: stream.length / 1e6 / seconds, fps: frames / seconds, frames };
    };
    const a = measure(Buffer.concat(clean));
    const b = measure(Buffer.concat(dirty));
    rows.push(
      `${id.padEnd(24)} clean ${a.mbps.toFixed(1).padStart(6)} MB/s ${Math.round(a.fps).toString().padStart(9)} frames/s` +
        ` | 20% garbage ${b.mbps.toFixed(1).padStart(6)} MB/s (${b.frames}/${a.frames} frames kept)`,
    );
  }
  console.log(rows.join("\n"));
}
