import { EventEmitter } from "node:events";
import type { Bilingual } from "../core/code-entry.js";
import type { ErrorCode } from "../core/error-codes.js";
import { describeCode } from "../error-catalog.js";

/** A condition a technician must act on, shown on the kiosk, in /healthz and in metrics. */
export interface Alarm {
  code: ErrorCode;
  message: string;
  title: Bilingual;
  remedy: Bilingual;
  /** Epoch ms when it was first raised. */
  since: number;
  detail: Readonly<Record<string, unknown>>;
}

interface AlarmEvents {
  raised: [alarm: Alarm];
  cleared: [alarm: Alarm];
}

/** The station's active alarms, one per code; raising an active one only updates its message. */
export class OpsAlarms extends EventEmitter<AlarmEvents> {
  private readonly active = new Map<ErrorCode, Alarm>();

  raise(code: ErrorCode, message: string, now: number, detail: Record<string, unknown> = {}): void {
    const current = this.active.get(code);
    if (current) {
      this.active.set(code, { ...current, message, detail });
      return;
    }
    const entry = describeCode(code);
    const alarm: Alarm = { code, message, title: entry.title, remedy: entry.remedy, since: now, detail };
    this.active.set(code, alarm);
    this.emit("raised", alarm);
  }

  clear(code: ErrorCode): void {
    const alarm = this.active.get(code);
    if (!alarm) return;
    this.active.delete(code);
    this.emit("cleared", alarm);
  }

  isActive(code: ErrorCode): boolean {
    return this.active.has(code);
  }

  list(): Alarm[] {
    return [...this.active.values()].sort((a, b) => a.since - b.since);
  }
}
