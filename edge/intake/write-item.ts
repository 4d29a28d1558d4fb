import type { AcceptedMessage } from "./decode.js";

/** What the intake writer commits, one group at a time. Plain data: it crosses a thread. */
export type WriteItem = MessageItem | DeadLetterItem | PresenceItem;

export interface MessageItem {
  t: "msg";
  m: AcceptedMessage;
}

export interface DeadLetterItem {
  t: "dead";
  deviceId: string | null;
  topic: string;
  code: string;
  reason: string;
  /** The first bytes of what was refused, enough to see what the device sent. */
  payload: Uint8Array;
  size: number;
  receivedAt: number;
}

export interface PresenceItem {
  t: "presence";
  deviceId: string;
  online: boolean;
  at: number;
}

/** Per item: the stored row id, or 0 for a message already stored under the same (device, msgId). */
export type WriteResults = number[];

/** Keep this much of a refused payload; the dead-letter row records the full size. */
export const DEAD_LETTER_KEEP_BYTES = 2048;
