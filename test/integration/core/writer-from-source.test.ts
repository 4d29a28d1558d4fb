import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { databasePath, openDatabase } from "../../../edge/store/database.js";
import { productSources } from "../../helpers/import-graph.js";
import { removeDir, tempDir } from "../../helpers/station.js";

/**
 * The intake writer runs on its own thread. It used to load dist/ whenever tests ran the
 * sources, so a single-file run after an edit silently tested the stale build. Here a copy of
 * the sources, never built, has its writer edited; the writer thread must run the edit.
 */
const copy = tempDir("writer-source");
afterAll(() => removeDir(copy));

function copySources(into: string): void {
  for (const path of productSources(".")) {
    mkdirSync(join(into, path, ".."), { recursive: true });
    cpSync(path, join(into, path));
  }
  cpSync("package.json", join(into, "package.json"));
  symlinkSync(resolve("node_modules"), join(into, "node_modules"), "dir");
}

type WriterModule = typeof import("../../../edge/intake/store-writer.js");

/** A migrated station database for the writer to open (the station migrates before it starts the writer). */
function migratedDatabase(name: string): string {
  const dataDir = join(copy, name);
  openDatabase(dataDir).close();
  return databasePath(dataDir);
}

async function writerFrom(root: string): Promise<WriterModule> {
  return (await import(join(root, "edge/intake/store-writer.ts"))) as WriterModule;
}

describe("the writer thread runs the sources beside the module that starts it", () => {
  it("an unbuilt copy of the sources opens its database", async () => {
    copySources(join(copy, "as-is"));
    const { WorkerStoreWriter } = await writerFrom(join(copy, "as-is"));
    const writer = new WorkerStoreWriter(migratedDatabase("as-is-data"));
    await writer.start();
    expect(await writer.write([])).toEqual([]);
    await writer.close();
  });

  it("an edit to writer-worker.ts is what the thread runs, without a build", async () => {
    const root = join(copy, "edited");
    copySources(root);
    const worker = join(root, "edge/intake/writer-worker.ts");
    const edited = readFileSync(worker, "utf8").replace(
      "port.postMessage({ ready: true });",
      'throw new Error("edited writer-worker.ts ran");',
    );
    expect(edited).toContain("edited writer-worker.ts ran");
    writeFileSync(worker, edited);
    const { WorkerStoreWriter } = await writerFrom(root);
    const writer = new WorkerStoreWriter(migratedDatabase("edited-data"));
    await expect(writer.start()).rejects.toThrow("edited writer-worker.ts ran");
  });
});
