import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { WriteItem, WriteResults } from "./write-item.js";

/** Commits groups of intake items. The real one runs on its own thread; the null one is for benchmarks. */
export interface StoreWriter {
  write(items: WriteItem[]): Promise<WriteResults>;
  close(): Promise<void>;
}

export class StoreWriteError extends Error {
  constructor(
    message: string,
    readonly sqliteCode: string | null,
  ) {
    super(message);
    this.name = "StoreWriteError";
  }
}

/**
 * The worker's compiled script. The service runs built JavaScript; tests that run the
 * TypeScript sources use the build in dist/, which the test command makes first.
 */
function workerScript(name = "writer-worker"): URL {
  const here = new URL(`./${name}.js`, import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  return new URL(`../../dist/edge/intake/${name}.js`, import.meta.url);
}

/** How often the checkpoint thread copies the WAL back (bench write-pages, fleet). */
const CHECKPOINT_INTERVAL_MS = 30_000;

type Reply =
  | { ready: true }
  | { closed: true }
  | { seq: number; results: WriteResults }
  | { seq: number; error: { message: string; sqliteCode: string | null } };

export class WorkerStoreWriter implements StoreWriter {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve(r: WriteResults): void; reject(e: Error): void }>();
  private seq = 0;
  private readonly ready: Promise<void>;
  private onClosed: (() => void) | undefined;
  private failed: Error | undefined;

  private readonly checkpointer: Worker;
  private checkpointerExited = false;

  constructor(dbPath: string) {
    this.worker = new Worker(workerScript(), { workerData: { dbPath } });
    this.checkpointer = new Worker(workerScript("checkpoint-worker"), {
      workerData: { dbPath, intervalMs: CHECKPOINT_INTERVAL_MS },
    });
    // Checkpoints are housekeeping: a failure there must not take intake down (the other
    // connections' wal_autocheckpoint still bounds the WAL).
    this.checkpointer.on("error", () => {});
    this.checkpointer.on("exit", () => {
      this.checkpointerExited = true;
    });
    this.ready = new Promise((resolve, reject) => {
      this.worker.once("error", reject);
      this.worker.once("message", () => resolve());
    });
    this.worker.on("message", (reply: Reply) => this.receive(reply));
    this.worker.on("error", (err: Error) => this.failAll(err));
    this.worker.on("exit", (code) => {
      if (this.onClosed) this.onClosed();
      else this.failAll(new Error(`intake writer exited with code ${code}`));
    });
  }

  /** Resolves once the writer has opened the database. */
  start(): Promise<void> {
    return this.ready;
  }

  write(items: WriteItem[]): Promise<WriteResults> {
    if (this.failed) return Promise.reject(this.failed);
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      this.worker.postMessage({ seq, items });
    });
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (this.checkpointerExited) return resolve();
      this.checkpointer.once("exit", () => resolve());
      this.checkpointer.once("message", () => void this.checkpointer.terminate());
      this.checkpointer.postMessage("close");
    });
    if (this.failed) return;
    await new Promise<void>((resolve) => {
      this.onClosed = resolve;
      this.worker.once("message", (reply: Reply) => {
        if ("closed" in reply) void this.worker.terminate();
      });
      this.worker.postMessage("close");
    });
  }

  private receive(reply: Reply): void {
    if (!("seq" in reply)) return;
    const waiter = this.pending.get(reply.seq);
    if (!waiter) return;
    this.pending.delete(reply.seq);
    if ("results" in reply) waiter.resolve(reply.results);
    else waiter.reject(new StoreWriteError(reply.error.message, reply.error.sqliteCode));
  }

  private failAll(err: Error): void {
    this.failed = err;
    for (const waiter of this.pending.values()) waiter.reject(err);
    this.pending.clear();
  }
}

/** Acknowledges without storing: only for measuring what durability costs. */
export class NullStoreWriter implements StoreWriter {
  write(items: WriteItem[]): Promise<WriteResults> {
    return Promise.resolve(items.map(() => 1));
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}
