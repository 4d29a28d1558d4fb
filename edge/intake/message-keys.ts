import type { Database, Statement } from "better-sqlite3";

/**
 * Keys gathered in memory before they are folded into `message_keys` in one sorted insert.
 * At a 200-sensor fleet that is one fold every three minutes. A fold rewrites a few pages
 * around each device's run besides the new keys' own, so more keys a fold cost less each
 * (test/bench/write-pages.ts, one fold, 200 devices; WAL, and as much again at checkpoint):
 * 12,000 keys 110 B per reading over 200,000 stored, 125 B over 1,000,000; 36,000 keys 62 B
 * and 73 B. A start reloads at most this many keys (~3 MB, 53 ms here), and the commit that
 * folds takes ~80 ms here instead of ~40 ms.
 */
export const MESSAGE_KEYS_FOLD_AT = 36_000;

/**
 * Exactly-once intake per (device, msgId) without an index page per message (issue 16,
 * edge/store/message-key-migrations.ts). A key is new when it is neither among the recent keys
 * (messages after `message_keys_merged`, kept in the writer's memory and reloaded from the
 * messages themselves at start, so a SIGKILL loses none) nor in `message_keys`. Once enough
 * recent keys gather, they are folded into `message_keys` inside the commit that crosses the
 * mark, sorted, so the fold writes pages full of keys instead of one page per reading.
 * The writer thread is the only one that stores messages, so its memory sees every key.
 */
export class MessageKeys {
  private readonly recent = new Map<string, Set<string>>();
  private recentCount = 0;
  /** Keys taken in the open transaction: forgotten again if it rolls back. */
  private taken: Array<[string, string]> = [];
  private folding = false;
  private readonly isFolded: Statement<[string, string]>;
  private readonly fold: Statement<{ after: number }>;
  private readonly markFolded: Statement<[]>;
  private readonly foldedUpTo: Statement<[]>;

  constructor(
    db: Database,
    private readonly foldAt = MESSAGE_KEYS_FOLD_AT,
  ) {
    this.isFolded = db.prepare("SELECT 1 FROM message_keys WHERE device_id = ? AND msg_id = ?").pluck();
    this.fold = db.prepare(
      `INSERT OR IGNORE INTO message_keys (device_id, msg_id)
       SELECT device_id, msg_id FROM messages WHERE id > @after AND msg_id IS NOT NULL
       ORDER BY device_id, msg_id`,
    );
    this.markFolded = db.prepare(
      "UPDATE message_keys_merged SET last_message_id = (SELECT coalesce(max(id), 0) FROM messages) WHERE id = 1",
    );
    this.foldedUpTo = db.prepare("SELECT last_message_id FROM message_keys_merged WHERE id = 1").pluck();
    // The writer never leaves more than `foldAt` keys unfolded; more (messages stored by
    // something else, an older build) are folded now rather than held in memory.
    const unfolded = db
      .prepare("SELECT count(*) FROM (SELECT 1 FROM messages WHERE id > ? LIMIT ?)")
      .pluck()
      .get(this.folded(), foldAt + 1) as number;
    if (unfolded > foldAt)
      db.transaction(() => {
        this.fold.run({ after: this.folded() });
        this.markFolded.run();
      }).immediate();
    const recent = db
      .prepare("SELECT device_id, msg_id FROM messages WHERE id > ? AND msg_id IS NOT NULL")
      .raw()
      .iterate(this.folded()) as IterableIterator<[string, string]>;
    for (const [deviceId, msgId] of recent) this.remember(deviceId, msgId);
  }

  /** True when (device, msgId) is new, and it is now taken; false for a message already stored. */
  claim(deviceId: string, msgId: string): boolean {
    if (this.recent.get(deviceId)?.has(msgId)) return false;
    if (this.isFolded.get(deviceId, msgId) !== undefined) return false;
    this.remember(deviceId, msgId);
    this.taken.push([deviceId, msgId]);
    return true;
  }

  /** Inside the transaction, after its messages: fold the recent keys once enough have gathered. */
  foldIfDue(): void {
    if (this.recentCount < this.foldAt) return;
    this.fold.run({ after: this.folded() });
    this.markFolded.run();
    this.folding = true;
  }

  /** The transaction committed: its keys stay, and a fold in it empties the recent keys. */
  committed(): void {
    this.taken = [];
    if (!this.folding) return;
    this.folding = false;
    this.recent.clear();
    this.recentCount = 0;
  }

  /** The transaction rolled back: its keys were never stored, so a resend must be taken. */
  rolledBack(): void {
    for (const [deviceId, msgId] of this.taken) {
      if (this.recent.get(deviceId)?.delete(msgId)) this.recentCount--;
    }
    this.taken = [];
    this.folding = false;
  }

  /** Recent keys held in memory (for tests and metrics). */
  get recentKeys(): number {
    return this.recentCount;
  }

  private folded(): number {
    return Number(this.foldedUpTo.get() ?? 0);
  }

  private remember(deviceId: string, msgId: string): void {
    let keys = this.recent.get(deviceId);
    if (!keys) {
      keys = new Set();
      this.recent.set(deviceId, keys);
    }
    if (!keys.has(msgId)) {
      keys.add(msgId);
      this.recentCount++;
    }
  }
}
