import "./intake-codes.js";
import { EventEmitter } from "node:events";
import type { BrokerIntake, RefusalNotice } from "../../broker/intake-port.js";
import { type DeviceMessageKind, deviceTopic, isDeviceMessageKind } from "../../broker/topics.js";
import type { Clock } from "../core/clock.js";
import type { Logger } from "../core/logger.js";
import { type AcceptedMessage, type Decoded, decodeDeviceMessage, type Refusal } from "./decode.js";
import type { GroupCommitter, Urgency } from "./group-committer.js";
import { DEAD_LETTER_KEEP_BYTES, type DeadLetterItem } from "./write-item.js";

export type Outcome =
  | { status: "stored"; id: number; message: AcceptedMessage }
  | { status: "duplicate"; message: AcceptedMessage }
  | { status: "refused"; refusal: Refusal; deadLetterId: number };

/** A refused message, as the device and the journal are told of it once its dead letter is stored. */
interface Told {
  deviceId: string;
  topic: string;
  receivedAt: number;
  msgId: string | null;
  refusal: Refusal;
}

/** Told once the message (or its dead letter) is committed; an error: nothing stored, resend. */
type Answer = (err: Error | null, outcome?: Outcome) => void;

interface IntakeEvents {
  stored: [message: AcceptedMessage, id: number];
  refused: [notice: RefusalNotice];
}

export interface IntakeSettings {
  maxPayloadBytes: number;
  /** How long readings may wait for their commit (the group committer's window). */
  readingWindowMs?: number;
}

/**
 * The one intake path (DESIGN.md "One bus"): MQTT devices and the station's own drivers both
 * come through `receive`, so a Modbus sensor and an MQTT sensor look the same. A message is
 * decoded, then committed in a group; the callback fires only after the commit, which is what
 * lets the broker hold the PUBACK until the message is on disk.
 */
export class Intake extends EventEmitter<IntakeEvents> implements BrokerIntake {
  private readonly acceptedByKind = new Map<string, number>();
  private readonly refusedByCode = new Map<string, number>();
  private pausedReason: string | undefined;
  /**
   * When each device was last answered and last heard. A device that sends one message per
   * PUBACK (a firmware flushing its backlog; many embedded clients keep one QoS 1 in flight)
   * sends its next right after the answer: holding each for the window would cap it at one
   * message per window.
   */
  private readonly lastAck = new Map<string, number>();
  private readonly lastReceive = new Map<string, number>();

  /** Messages stored, by kind (metrics). */
  get accepted(): ReadonlyMap<string, number> {
    return this.acceptedByKind;
  }

  /** Messages refused, by code (metrics). */
  get refused(): ReadonlyMap<string, number> {
    return this.refusedByCode;
  }

  constructor(
    private readonly committer: GroupCommitter,
    private readonly settings: IntakeSettings,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    super();
  }

  /**
   * Stop accepting messages (the disk is nearly full): each one fails, so an MQTT publisher
   * gets no PUBACK and resends later. Printing and uplink carry on.
   */
  pause(reason: string): void {
    if (this.pausedReason === undefined) this.log.warn({ reason }, "intake paused");
    this.pausedReason = reason;
  }

  resume(): void {
    if (this.pausedReason !== undefined) this.log.info("intake resumed");
    this.pausedReason = undefined;
  }

  get paused(): string | undefined {
    return this.pausedReason;
  }

  /**
   * A message from a device (over MQTT or in-process) on `trace/v1/dev/{deviceId}/{leaf}`.
   * `done(null, outcome)` after it is committed; `done(err)` when nothing could be stored
   * (the device resends).
   */
  receive(
    deviceId: string,
    leaf: string,
    topic: string,
    payload: Buffer,
    done: Answer,
    /** The station's own drivers: a poll loop waits on this commit, so it never waits for the window. */
    inProcess = false,
  ): void {
    if (this.pausedReason !== undefined) {
      done(new Error(`intake paused: ${this.pausedReason}`));
      return;
    }
    const receivedAt = this.clock.now();
    if (!isDeviceMessageKind(leaf)) {
      this.refuse(
        deviceId,
        topic,
        payload,
        receivedAt,
        null,
        {
          code: "INTAKE_UNKNOWN_TOPIC",
          reason: `未知主题 ${topic}；可用 reading、weight、input、scan、test、status / unknown topic`,
        },
        done,
      );
      return;
    }
    const urgency = inProcess ? "now" : this.urgencyOf(deviceId, leaf);
    if (urgency !== "now") {
      this.receiveInGroup(deviceId, leaf, topic, payload, receivedAt, done, urgency);
      return;
    }
    const decoded = decodeDeviceMessage(deviceId, leaf, payload, receivedAt, this.settings.maxPayloadBytes);
    if (!decoded.ok) {
      this.refuse(deviceId, topic, payload, receivedAt, msgIdHint(payload), decoded.refusal, done);
      return;
    }
    const message = decoded.message;
    this.committer.submit(
      { t: "msg", m: message },
      (err, id) => (err ? done(err) : this.committed(message, id, done)),
      urgency,
    );
  }

  /**
   * A reading that may wait for its commit is decoded when its group is formed, with the rest of
   * the group (GroupCommitter's `Submitted`); one the contract refuses becomes its dead letter in
   * that same group. Decoding is pure, so the answer is the one it would have been on arrival.
   */
  private receiveInGroup(
    deviceId: string,
    kind: DeviceMessageKind,
    topic: string,
    payload: Buffer,
    receivedAt: number,
    done: Answer,
    urgency: Urgency,
  ): void {
    let decoded: Decoded | undefined;
    this.committer.submit(
      () => {
        decoded = decodeDeviceMessage(deviceId, kind, payload, receivedAt, this.settings.maxPayloadBytes);
        return decoded.ok
          ? { t: "msg", m: decoded.message }
          : deadLetter(deviceId, topic, payload, receivedAt, decoded.refusal);
      },
      (err, id) => {
        if (err || decoded === undefined) done(err ?? new Error("intake: group committed without its item"));
        else if (decoded.ok) this.committed(decoded.message, id, done);
        else
          this.refusalCommitted(
            { deviceId, topic, receivedAt, msgId: msgIdHint(payload), refusal: decoded.refusal },
            id,
            done,
          );
      },
      urgency,
    );
  }

  /** A message's group is committed: count it, tell the listeners, then the sender. */
  private committed(message: AcceptedMessage, id: number, done: Answer): void {
    this.lastAck.set(message.deviceId, performance.now());
    this.count(this.acceptedByKind, message.kind);
    if (id === 0) {
      done(null, { status: "duplicate", message });
      return;
    }
    this.emit("stored", message, id);
    done(null, { status: "stored", id, message });
  }

  /** The in-process form of `receive`, for the station's own drivers. */
  submit(deviceId: string, kind: DeviceMessageKind, body: unknown): Promise<Outcome> {
    const payload = Buffer.from(typeof body === "string" ? body : JSON.stringify(body));
    const topic = deviceTopic(deviceId, kind);
    return new Promise((resolve, reject) => {
      this.receive(
        deviceId,
        kind,
        topic,
        payload,
        (err, outcome) => (err || !outcome ? reject(err) : resolve(outcome)),
        true,
      );
    });
  }

  /** Record that a device went on- or offline without a status message of its own (socket closed). */
  presence(deviceId: string, online: boolean): void {
    this.committer.submit(
      { t: "presence", deviceId, online, at: this.clock.now() },
      (err) => {
        // Devices disconnecting at shutdown land here after the committer closed; presence is
        // reset at every start, so a lost one costs nothing worth a warning in the journal.
        if (err) this.log.debug({ device: deviceId, err: err.message }, "presence not recorded");
      },
      "window",
    );
  }

  /**
   * A message that passed the contract but that a projection could not use (an unknown site,
   * say): stored as sent, and the refusal recorded and reported to the device like any other.
   */
  refuseStored(message: AcceptedMessage, refusal: Refusal): void {
    const topic = deviceTopic(message.deviceId, message.kind);
    this.refuse(
      message.deviceId,
      topic,
      Buffer.from(message.payload),
      this.clock.now(),
      message.msgId,
      refusal,
      (err) => {
        if (err) this.log.warn({ device: message.deviceId, err }, "could not record refusal");
      },
    );
  }

  private refuse(
    deviceId: string,
    topic: string,
    payload: Buffer,
    receivedAt: number,
    msgId: string | null,
    refusal: Refusal,
    done: Answer,
  ): void {
    const told: Told = { deviceId, topic, receivedAt, msgId, refusal };
    this.committer.submit(
      deadLetter(deviceId, topic, payload, receivedAt, refusal),
      (err, deadLetterId) => (err ? done(err) : this.refusalCommitted(told, deadLetterId, done)),
      urgencyOf(topic.slice(topic.lastIndexOf("/") + 1)),
    );
  }

  /** A refusal's dead letter is committed: count and log it, tell the device. */
  private refusalCommitted(told: Told, deadLetterId: number, done: Answer): void {
    const { deviceId, topic, refusal, msgId, receivedAt } = told;
    this.count(this.refusedByCode, refusal.code);
    this.log.info({ device: deviceId, topic, code: refusal.code, reason: refusal.reason }, "message refused");
    this.emit("refused", { deviceId, topic, code: refusal.code, reason: refusal.reason, msgId, receivedAt });
    done(null, { status: "refused", refusal, deadLetterId });
  }

  /**
   * Readings may wait for the window, unless the device sends faster than every half window
   * (it gains nothing from waiting). One that arrives right after its device's last answer may
   * be a backlog sent one PUBACK at a time, or only a 1 s sensor whose turn fell just after a
   * commit: it goes soon, in one commit with every other such reading, and if it was a
   * backlog, the next one then arrives within half a window and goes at once.
   */
  private urgencyOf(deviceId: string, leaf: string): Urgency {
    if (leaf !== "reading") return "now";
    const now = performance.now();
    const sinceReceive = now - (this.lastReceive.get(deviceId) ?? Number.NEGATIVE_INFINITY);
    const sinceAck = now - (this.lastAck.get(deviceId) ?? Number.NEGATIVE_INFINITY);
    this.lastReceive.set(deviceId, now);
    if (sinceReceive < (this.settings.readingWindowMs ?? 0) / 2) return "now";
    return sinceAck < QUEUED_BEHIND_MS ? "soon" : "window";
  }

  private count(map: Map<string, number>, key: string): void {
    map.set(key, (map.get(key) ?? 0) + 1);
  }
}

/**
 * A reading this soon after its device's last PUBACK may have been waiting for it. The
 * listeners of `stored` (projections, alarm rules, the disk reserve) run between the ack and
 * the next read, so the margin is tens of milliseconds on a busy box, not a few.
 */
const QUEUED_BEHIND_MS = 50;

/**
 * Readings (and their refusals) may wait for the commit window: a sensor reports again in a
 * second and nobody stands beside it. Weights, scans, inputs and tests have a worker or a label
 * waiting, so they commit at once; so does anything of an unknown kind.
 */
function urgencyOf(leaf: string): Urgency {
  return leaf === "reading" ? "window" : "now";
}

/** The first bytes of what was refused, with why: what `dead_letters` keeps. */
function deadLetter(
  deviceId: string,
  topic: string,
  payload: Buffer,
  receivedAt: number,
  refusal: Refusal,
): DeadLetterItem {
  return {
    t: "dead",
    deviceId,
    topic,
    code: refusal.code,
    reason: refusal.reason,
    payload: new Uint8Array(payload.subarray(0, DEAD_LETTER_KEEP_BYTES)),
    size: payload.length,
    receivedAt,
  };
}

/** Best effort: tell the device which of its messages was refused, even when the JSON is broken. */
function msgIdHint(payload: Buffer): string | null {
  const match = /"msgId"\s*:\s*"?([^",}\s]{1,128})/.exec(payload.subarray(0, 4096).toString("latin1"));
  return match?.[1] ?? null;
}
