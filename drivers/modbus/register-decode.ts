import { type RegisterDef, readSpan, type SensorModel, wordsOf } from "./model-schema.js";

/** Six decimals: a ×0.1 scale must give 23.4, not 23.400000000000002. */
const tidy = (v: number): number => Math.round(v * 1e6) / 1e6;

function rawValue(words: readonly number[], at: number, def: RegisterDef, order: "big" | "little"): number {
  const hi = words[at] ?? 0;
  if (def.type === "uint16") return hi;
  if (def.type === "int16") return hi >= 0x8000 ? hi - 0x10000 : hi;
  const lo = words[at + 1] ?? 0;
  const buf = Buffer.alloc(4);
  // big: first register holds the high word (ABCD); little: the low word (CDAB).
  buf.writeUInt16BE(order === "big" ? hi : lo, 0);
  buf.writeUInt16BE(order === "big" ? lo : hi, 2);
  if (def.type === "uint32") return buf.readUInt32BE(0);
  if (def.type === "int32") return buf.readInt32BE(0);
  return buf.readFloatBE(0);
}

/** Registers read from `readSpan(model).start` → metric values, scaled. Pure. */
export function decodeRegisters(model: SensorModel, words: readonly number[]): Record<string, number> {
  const { start } = readSpan(model);
  const values: Record<string, number> = {};
  for (const def of model.registers) {
    const raw = rawValue(words, def.address - start, def, def.wordOrder ?? model.wordOrder);
    values[def.metric] = tidy(raw * def.scale + def.offset);
  }
  return values;
}

/** The inverse, for the slave simulator: metric values → the register block a sensor holds. */
export function encodeRegisters(model: SensorModel, values: Readonly<Record<string, number>>): number[] {
  const { start, count } = readSpan(model);
  const words = new Array<number>(count).fill(0);
  for (const def of model.registers) {
    const value = values[def.metric] ?? def.sample ?? 0;
    const raw = (value - def.offset) / def.scale;
    const buf = Buffer.alloc(4);
    if (def.type === "float32") buf.writeFloatBE(raw, 0);
    else if (wordsOf(def.type) === 1) buf.writeUInt16BE(Math.round(raw) & 0xffff, 2);
    else buf.writeUInt32BE(Math.round(raw) >>> 0, 0);
    const at = def.address - start;
    if (wordsOf(def.type) === 1) {
      words[at] = buf.readUInt16BE(2);
    } else {
      const [hi, lo] = [buf.readUInt16BE(0), buf.readUInt16BE(2)];
      const big = (def.wordOrder ?? model.wordOrder) === "big";
      words[at] = big ? hi : lo;
      words[at + 1] = big ? lo : hi;
    }
  }
  return words;
}
