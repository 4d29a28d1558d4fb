/** The two places records bound upward are read from, each by rowid. */
export const FEEDS = ["messages", "outbox"] as const;
export type FeedName = (typeof FEEDS)[number];

/** One record taken for delivery, already encoded in the station's record format. */
export interface PendingRecord {
  feed: FeedName;
  /** rowid in the feed's table. */
  sourceId: number;
  recordId: string;
  stream: string;
  kind: string;
  device: string | null;
  /** Encoded record (JSON text); empty when the sink's format has nothing to send for it. */
  body: string;
  /** When the station stored it (epoch ms), for the backlog's oldest age. */
  storedAt: number;
  /** Set when the record is a retry of an earlier permanent failure (`uplink retry`). */
  failureId: number | null;
}
