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
 * The writer thread runs the script beside this module: the built `.js` in the service, and
 * the `.ts` source when the sources themselves run (tests, `tsx`), so a single test file run
 * after an edit exercises the edited writer, never a stale build in dist/. A thread does not
 * inherit the test runner's TypeScript loader, so the source variant registers tsx (a dev
 * dependency, never reached from dist/) before it loads the script.
 */
function startWorker(name: string, workerData: Record<string, unknown>): Worker {
  const fromSource = import.meta.url.endsWith(".ts");
  const script = new URL(`./${name}.${fromSource ? "ts" : "js"}`, import.meta.url);
  if (!fromSource) return new Worker(script, { workerData });
  const tsx = JSON.stringify(import.meta.resolve("tsx/esm/api"));
  const boot = `import(${tsx}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}); });`;
  return new Worker(boot, { eval: true, workerData });
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
    this.worker = startWorker("writer-worker", { dbPath });
    this.checkpointer = startWorker("checkpoint-worker", { dbPath, intervalMs: CHECKPOINT_INTERVAL_MS });
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
