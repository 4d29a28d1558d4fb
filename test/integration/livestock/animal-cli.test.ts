import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliSync } from "../../helpers/cli.js";
import { removeDir, tempDir } from "../../helpers/station.js";

/** `trace-station animal …` through the built CLI on a real data directory. */
let dir: string;
const cli = (...args: string[]) => runCliSync([...args, "--data", dir]);
const json = (...args: string[]) => {
  const r = cli(...args, "--json");
  if (r.status !== 0) throw new Error(`${args.join(" ")} → ${r.status}: ${r.stderr}${r.stdout}`);
  return JSON.parse(r.stdout) as Record<string, any>;
};

beforeAll(() => {
  dir = tempDir("animal-cli");
});
afterAll(() => removeDir(dir));

describe("animal CLI", () => {
  it("refuses bad ear tags with their code and reason", () => {
    const short = cli("animal", "check", "2-630121-0001234");
    expect(short.status).toBe(1);
    expect(short.stderr).toContain("LIVESTOCK_TAG_LENGTH");
    const county = cli("animal", "check", "2-639999-00012345");
    expect(county.stderr).toContain("LIVESTOCK_TAG_COUNTY");
    expect(json("animal", "check", "2-630121-00012345")).toMatchObject({
      species: "cattle",
      county: "630121",
    });
  });

  it("registers, treats, checks the withdrawal and sells through a sale batch", () => {
    expect(cli("site", "add", "pen2", "--name", "2号牛圈", "--kind", "pen").status).toBe(0);
    const cow = json(
      "animal",
      "register",
      "2-630121-00012345",
      "--species",
      "cattle",
      "--sex",
      "female",
      "--pen",
      "pen2",
    );
    expect(cow).toMatchObject({ tag: "263012100012345", status: "on_farm", siteId: "pen2" });
    const treated = cli("animal", "treat", "--pen", "pen2", "--drug", "土霉素片", "--json");
    expect(treated.status, treated.stderr).toBe(0);
    expect(JSON.parse(treated.stdout)).toMatchObject({ tag: "263012100012345", meatDays: 7, milkDays: 3 });
    const milk = cli("animal", "withdrawal", "263012100012345", "--for", "milk");
    expect(milk.status).toBe(1);
    expect(milk.stdout).toContain("售奶");

    const sale = json("animal", "sale-open", "--kind", "sale", "--destination", "湟中区");
    const blocked = cli("animal", "sale-scan", sale.number, "2-630121-00012345");
    expect(blocked.status).toBe(1);
    expect(blocked.stderr).toContain("LIVESTOCK_WITHDRAWAL");
    const show = cli("animal", "show", "2-630121-00012345");
    expect(show.stdout).toContain("土霉素片");
  });
});
