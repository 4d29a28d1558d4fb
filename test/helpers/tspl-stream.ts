import iconv from "iconv-lite";

export interface TsplCommand {
  name: string;
  /** Arguments split at commas outside quotes; string literals unquoted and unescaped. */
  args: string[];
  /** BITMAP data (TSPL polarity: 0 = printed dot). */
  data?: Uint8Array;
}

/**
 * Reads TSPL output for tests: GBK lines ending CR LF, with BITMAP's binary payload read by
 * its declared size (width bytes × height) so it cannot be mistaken for a line end.
 */
export function parseTspl(bytes: Uint8Array): TsplCommand[] {
  const commands: TsplCommand[] = [];
  const buf = Buffer.from(bytes);
  let i = 0;
  while (i < buf.length) {
    const head = buf.subarray(i, i + 7).toString("latin1");
    if (head === "BITMAP ") {
      let comma = i;
      for (let n = 0; n < 5; n++) comma = buf.indexOf(0x2c, comma + 1);
      const args = buf
        .subarray(i + 7, comma)
        .toString("latin1")
        .split(",");
      const size = Number(args[2]) * Number(args[3]);
      const data = buf.subarray(comma + 1, comma + 1 + size);
      commands.push({ name: "BITMAP", args, data: new Uint8Array(data) });
      i = comma + 1 + size + 2;
      continue;
    }
    const end = buf.indexOf("\r\n", i);
    if (end < 0) throw new Error(`TSPL line at ${i} does not end in CR LF`);
    const line = iconv.decode(buf.subarray(i, end), "gbk");
    i = end + 2;
    const space = line.indexOf(" ");
    const name = space < 0 ? line : line.slice(0, space);
    commands.push({ name, args: space < 0 ? [] : splitArgs(line.slice(space + 1)) });
  }
  return commands;
}

function splitArgs(text: string): string[] {
  const args: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted && text.startsWith('\\["]', i)) {
      current += '"';
      i += 3;
    } else if (c === '"') quoted = !quoted;
    else if (c === "," && !quoted) {
      args.push(current);
      current = "";
    } else current += c;
  }
  args.push(current);
  return args;
}
