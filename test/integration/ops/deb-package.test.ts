import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { removeDir, tempDir } from "../../helpers/station.js";

/**
 * The .deb `npm run release` builds, installed, upgraded, removed and purged with the real dpkg
 * under a temporary root (dpkg --root with --force-script-chrootless: the maintainer scripts
 * prefix every path with $DPKG_ROOT instead of needing a chroot). nodejs, passwd and systemd
 * are not dpkg-installed in the empty root, hence --force-depends.
 */
const REPO = resolve(".");
const work = tempDir("deb");
const root = join(work, "root");
afterAll(() => removeDir(work));

let deb = "";
let upgrade = "";

function dpkg(...args: string[]) {
  const r = spawnSync(
    "dpkg",
    [`--root=${root}`, "--force-script-chrootless", "--force-depends", "--log=/dev/null", ...args],
    { encoding: "utf8", env: { ...process.env, LC_ALL: "C.UTF-8" } },
  );
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const inRoot = (p: string) => join(root, p);
const lines = (file: string, prefix: string) =>
  readFileSync(inRoot(file), "utf8")
    .split("\n")
    .filter((l) => l.startsWith(prefix));

beforeAll(() => {
  deb = execFileSync("bash", [join(REPO, "systemd/make-deb.sh"), join(work, "out")], {
    encoding: "utf8",
  }).trim();
  // The next release: the same payload under a higher version, repacked without compression.
  const unpacked = join(work, "next");
  execFileSync("dpkg-deb", ["-R", deb, unpacked]);
  const control = join(unpacked, "DEBIAN/control");
  writeFileSync(control, readFileSync(control, "utf8").replace(/^Version: .*$/m, "Version: 99.0.0"));
  upgrade = join(work, "next.deb");
  execFileSync("dpkg-deb", ["--root-owner-group", "-Znone", "-b", unpacked, upgrade]);
  removeDir(unpacked);

  mkdirSync(inRoot("etc"), { recursive: true });
  mkdirSync(inRoot("var/lib/dpkg/info"), { recursive: true });
  mkdirSync(inRoot("var/lib/dpkg/updates"), { recursive: true });
  writeFileSync(inRoot("var/lib/dpkg/status"), "");
  writeFileSync(inRoot("var/lib/dpkg/available"), "");
  writeFileSync(inRoot("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\n");
  writeFileSync(inRoot("etc/group"), "root:x:0:\nlp:x:7:\ndialout:x:20:\n");
  writeFileSync(inRoot("etc/shadow"), "root:*:19000:0:99999:7:::\n", { mode: 0o600 });
  writeFileSync(inRoot("etc/gshadow"), "root:*::\nlp:*::\ndialout:*::\n", { mode: 0o600 });
}, 180_000);

describe("the .deb under a temporary root", () => {
  it("installs: program, unit enabled, udev rules, command, user, production config", () => {
    const r = dpkg("-i", deb);
    expect(r.code, r.out).toBe(0);
    expect(existsSync(inRoot("usr/lib/trace-station/dist/edge/cli/main.js"))).toBe(true);
    expect(existsSync(inRoot("usr/lib/trace-station/labels/fonts/NotoSansSC-GBK.otf"))).toBe(true);
    // Production dependencies only, native modules built for this machine.
    expect(existsSync(inRoot("usr/lib/trace-station/node_modules/better-sqlite3/build/Release"))).toBe(true);
    expect(existsSync(inRoot("usr/lib/trace-station/node_modules/vitest"))).toBe(false);
    expect(readlinkSync(inRoot("etc/systemd/system/multi-user.target.wants/trace-station.service"))).toBe(
      "/lib/systemd/system/trace-station.service",
    );
    expect(existsSync(inRoot("lib/udev/rules.d/99-trace-station.rules"))).toBe(true);
    expect(readFileSync(inRoot("usr/share/bash-completion/completions/trace-station"), "utf8")).toContain(
      "complete -F _trace_station trace-station",
    );
    expect(readFileSync(inRoot("usr/bin/trace-station"), "utf8")).toContain(
      "/usr/lib/trace-station/dist/edge/cli/main.js",
    );
    expect(lines("etc/passwd", "trace-station:")).toHaveLength(1);
    expect(lines("etc/group", "dialout:")[0]).toMatch(/trace-station/);
    const config = parse(readFileSync(inRoot("etc/trace-station/config.yaml"), "utf8")) as {
      demo: { enabled: boolean };
    };
    expect(config.demo.enabled).toBe(false);
  });

  it("the installed unit passes systemd-analyze verify and rates 3.0 or lower in security", () => {
    const unit = inRoot("lib/systemd/system/trace-station.service");
    expect(readFileSync(unit, "utf8")).toContain(
      "ExecStart=/usr/bin/node /usr/lib/trace-station/dist/edge/cli/main.js start",
    );
    const verify = spawnSync("systemd-analyze", ["verify", "--man=no", unit], { encoding: "utf8" });
    expect(verify.stderr).toBe("");
    expect(verify.status).toBe(0);
    const out = execFileSync("systemd-analyze", ["security", "--offline=true", "--no-pager", unit], {
      encoding: "utf8",
    });
    expect(Number(/Overall exposure level for [^:]+: (\d+(?:\.\d+)?)/.exec(out)?.[1])).toBeLessThanOrEqual(
      3.0,
    );
  });

  it("the installed program starts as the service user on its own node_modules, stops on SIGTERM", async () => {
    // As the unit runs it: the data directory belongs to that user, and root is refused there.
    const [uid, gid] = (lines("etc/passwd", "trace-station:")[0] ?? "").split(":").slice(2, 4).map(Number);
    chmodSync(work, 0o755);
    const child = spawn(
      process.execPath,
      [
        inRoot("usr/lib/trace-station/dist/edge/cli/main.js"),
        "start",
        "--config",
        inRoot("etc/trace-station/config.yaml"),
        "--mqtt-port",
        "0",
        "--http-port",
        "0",
        "--data",
        inRoot("var/lib/trace-station"),
      ],
      { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NODE_PATH: "" }, uid, gid },
    );
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    const started = new Promise<void>((ok, fail) => {
      createInterface({ input: child.stdout }).on("line", (line) => {
        if (line.includes('"station started"')) ok();
      });
      let err = "";
      child.stderr.on("data", (d: Buffer) => {
        err += d.toString();
      });
      void exited.then((code) => fail(new Error(`exited ${code}: ${err}`)));
    });
    try {
      await started;
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  it("upgrades keeping the site's config and data", () => {
    writeFileSync(
      inRoot("etc/trace-station/config.yaml"),
      `${readFileSync(inRoot("etc/trace-station/config.yaml"), "utf8")}# site edit\n`,
    );
    writeFileSync(inRoot("var/lib/trace-station/keep.txt"), "data");
    const r = dpkg("-i", upgrade);
    expect(r.code, r.out).toBe(0);
    expect(dpkg("-s", "trace-station").out).toContain("Version: 99.0.0");
    expect(readFileSync(inRoot("etc/trace-station/config.yaml"), "utf8")).toContain("# site edit");
    expect(readFileSync(inRoot("var/lib/trace-station/keep.txt"), "utf8")).toBe("data");
    expect(lines("etc/passwd", "trace-station:")).toHaveLength(1);
  });

  it("remove keeps config, data and user; purge deletes them", () => {
    const removed = dpkg("-r", "trace-station");
    expect(removed.code, removed.out).toBe(0);
    expect(existsSync(inRoot("usr/lib/trace-station/dist"))).toBe(false);
    expect(existsSync(inRoot("lib/systemd/system/trace-station.service"))).toBe(false);
    expect(existsSync(inRoot("etc/systemd/system/multi-user.target.wants/trace-station.service"))).toBe(
      false,
    );
    expect(readFileSync(inRoot("etc/trace-station/config.yaml"), "utf8")).toContain("# site edit");
    expect(readFileSync(inRoot("var/lib/trace-station/keep.txt"), "utf8")).toBe("data");
    expect(lines("etc/passwd", "trace-station:")).toHaveLength(1);

    const purged = dpkg("-P", "trace-station");
    expect(purged.code, purged.out).toBe(0);
    expect(existsSync(inRoot("etc/trace-station"))).toBe(false);
    expect(existsSync(inRoot("var/lib/trace-station"))).toBe(false);
    expect(lines("etc/passwd", "trace-station:")).toHaveLength(0);
  });
});
