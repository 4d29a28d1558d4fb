import { Worker } from "node:worker_threads";
import type { StationService } from "../core/station-service.js";
import { DERIVED_WRITE_MS } from "./derived-writes.js";
import type { WriteItem, WriteResults } from "./write-item.js";

/**
 * Commits groups of intake items (what the group committer needs). The real one runs on its
 * own thread; the null one is for benchmarks. Both are station components too, whose `stop`
 * is `close`: everything handed to `write` is committed first.
 */
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

/** How often the writer copies the WAL back into the database file (writer-worker.ts). */
const CHECKPOINT_INTERVAL_MS = 30_000;

type Reply =
  | { ready: true }
  | { closed: true }
  | { seq: number; results: WriteResults }
  | { seq: number; error: { message: string; sqliteCode: string | null } };

interface Threads {
  writer: Worker;
  ready: Promise<void>;
}

/**
 * The writer thread boots from construction, while the rest of the station is built (a thread
 * that loads its sources takes a second or two on a busy Pi); `start` waits until it has
 * opened the database, `stop` closes it.
 */
export class WorkerStoreWriter implements StoreWriter, StationService {
  readonly name = "writer";
  private readonly threads: Threads;
  private readonly pending = new Map<number, { resolve(r: WriteResults): void; reject(e: Error): void }>();
  private seq = 0;
  private onClosed: (() => void) | undefined;
  private failed: Error | undefined;

  /**
   * `derivedEveryMs`: how often rollups and devices' last seen are written (derived-writes.ts);
   * `checkpointEveryMs`: how often the WAL is copied back into the database file.
   */
  constructor(dbPath: string, derivedEveryMs = DERIVED_WRITE_MS, checkpointEveryMs = CHECKPOINT_INTERVAL_MS) {
    this.threads = this.startThreads(dbPath, derivedEveryMs, checkpointEveryMs);
  }

  /** Resolves once the writer has opened the database. */
  start(): Promise<void> {
    return this.threads.ready;
  }

  private startThreads(dbPath: string, derivedEveryMs: number, checkpointEveryMs: number): Threads {
    const writer = startWorker("writer-worker", { dbPath, derivedEveryMs, checkpointEveryMs });
    const ready = new Promise<void>((resolve, reject) => {
      writer.once("error", reject);
      writer.once("message", () => resolve());
    });
    writer.on("message", (reply: Reply) => this.receive(reply));
    writer.on("error", (err: Error) => this.failAll(err));
    writer.on("exit", (code) => {
      if (this.onClosed) this.onClosed();
      else this.failAll(new Error(`intake writer exited with code ${code}`));
    });
    return { writer, ready };
  }

  write(items: WriteItem[]): Promise<WriteResults> {
    if (this.failed) return Promise.reject(this.failed);
    const threads = this.threads;
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      threads.writer.postMessage({ seq, items });
    });
  }

  stop(): Promise<void> {
    return this.close();
  }

  async close(): Promise<void> {
    const { writer, ready } = this.threads;
    // Closed before it was ever ready (a station built and stopped unstarted): its first
    // message must be the ready one, not taken for the answer to "close".
    await ready.catch(() => undefined);
    if (this.failed) return;
    await new Promise<void>((resolve) => {
      this.onClosed = resolve;
      writer.once("message", (reply: Reply) => {
        if ("closed" in reply) void writer.terminate();
      });
      writer.postMessage("close");
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
export class NullStoreWriter implements StoreWriter, StationService {
  readonly name = "writer";
  start(): Promise<void> {
    return Promise.resolve();
  }
  stop(): Promise<void> {
    return this.close();
  }
  write(items: WriteItem[]): Promise<WriteResults> {
    return Promise.resolve(items.map(() => 1));
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}
