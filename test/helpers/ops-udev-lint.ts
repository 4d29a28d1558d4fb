/**
 * A syntax check of udev rules after udev(7) "Rules files", for systemd versions whose
 * udevadm has no `verify` (added in 254): every line is comma-separated `KEY[{attr}] OP "value"`
 * pairs, match keys take == or !=, assignment keys take = += -= :=, GOTO targets exist.
 */
const MATCH_ONLY = new Set([
  "ACTION",
  "DEVPATH",
  "KERNEL",
  "KERNELS",
  "SUBSYSTEM",
  "SUBSYSTEMS",
  "DRIVER",
  "DRIVERS",
  "ATTRS",
  "TAGS",
  "TEST",
  "PROGRAM",
  "RESULT",
  "CONST",
  "SYSCTL",
]);
const ASSIGN_ONLY = new Set([
  "OWNER",
  "GROUP",
  "MODE",
  "SECLABEL",
  "RUN",
  "LABEL",
  "GOTO",
  "IMPORT",
  "OPTIONS",
  "WAIT_FOR",
]);
const BOTH = new Set(["NAME", "SYMLINK", "ENV", "TAG", "ATTR"]);
const PAIR = /^\s*([A-Z_]+)(\{([^}]+)\})?\s*(==|!=|\+=|-=|:=|=)\s*"((?:[^"\\]|\\.)*)"\s*(,|$)/;

export function lintUdevRules(text: string): string[] {
  const problems: string[] = [];
  const labels = new Set<string>();
  const gotos: Array<[string, number]> = [];
  text.split("\n").forEach((raw, index) => {
    const n = index + 1;
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    let rest = line;
    let pairs = 0;
    while (rest.length > 0) {
      const m = PAIR.exec(rest);
      if (!m) {
        problems.push(`line ${n}: cannot parse "${rest}"`);
        return;
      }
      const [whole, key = "", , attr, op = "", value = ""] = m;
      pairs++;
      const isMatch = op === "==" || op === "!=";
      if (!MATCH_ONLY.has(key) && !ASSIGN_ONLY.has(key) && !BOTH.has(key)) {
        problems.push(`line ${n}: unknown key ${key}`);
      } else if (MATCH_ONLY.has(key) && !isMatch) {
        problems.push(`line ${n}: ${key} is a match key, ${op} is an assignment`);
      } else if (ASSIGN_ONLY.has(key) && isMatch) {
        problems.push(`line ${n}: ${key} takes an assignment, not ${op}`);
      }
      if ((key === "ATTRS" || key === "ENV" || key === "ATTR") && !attr) {
        problems.push(`line ${n}: ${key} needs {name}`);
      }
      if (key === "MODE" && !/^0?[0-7]{3}$/.test(value))
        problems.push(`line ${n}: MODE "${value}" is not octal`);
      if (key === "LABEL") labels.add(value);
      if (key === "GOTO") gotos.push([value, n]);
      rest = rest.slice(whole.length);
    }
    if (pairs === 0) problems.push(`line ${n}: empty rule`);
  });
  for (const [target, n] of gotos) {
    if (!labels.has(target)) problems.push(`line ${n}: GOTO "${target}" has no LABEL`);
  }
  return problems;
}
