import type { LineSettings, ScaleRules } from "./line-settings.js";

/** One weight reading as the line sees it (after the line's tare). */
export interface Reading {
  /** Gross kg as the scale shows it; null for overload, underload, busy, error, stale. */
  grossKg: number | null;
  stable: boolean;
  ts: number;
}

/** One item (carton, crate, container) on the pan, from when it was put on until taken off. */
export interface Placement {
  id: number;
  startedAt: number;
  /** The batch selected when it was put on: it can only become a package of that batch. */
  lot: string | null;
  /** Latest stable net weight, if it settled. */
  stableKg: number | null;
  /** Net weight shown now (stable or not). */
  netKg: number | null;
  /** It became a package (its serial), or the container's tare. */
  taken: { kind: "package"; serial: string } | { kind: "tare" } | null;
}

export type PlacementEvent =
  | { type: "placed"; placement: Placement }
  | { type: "removed"; placement: Placement }
  /** Stable and, by the mode's rule, ready to become a package without a tap. */
  | { type: "ready"; placement: Placement; kg: number }
  /** Tare mode: the container's stable weight on an empty pan. */
  | { type: "tare"; kg: number };

/**
 * Placements from readings, by the line's mode: a new placement starts when the net weight
 * leaves the zero band; it ends when the pan empties or the weight falls below a fraction of
 * its last stable weight (boxes swapped hand to hand without the pan reaching zero are two).
 * Pauses while filling, debris under the minimum, and a container to tare are never "ready".
 */
export class PlacementReader {
  private current: Placement | null = null;
  private nextId = 1;
  /** The previous reading was stable (for scales that only publish stable weights). */
  private lastWasStable = false;
  private tare = 0;

  constructor(
    private settings: LineSettings,
    private readonly rules: ScaleRules,
  ) {}

  /** The container's weight taken off every reading (tare mode). */
  get tareKg(): number {
    return this.tare;
  }

  configure(settings: LineSettings): void {
    this.settings = settings;
  }

  get placement(): Placement | null {
    return this.current;
  }

  /** Feed one reading; `lot` is the batch selected now. */
  update(r: Reading, lot: string | null): PlacementEvent[] {
    const events: PlacementEvent[] = [];
    if (r.grossKg === null) {
      // Overload, stale and the like say nothing about the load: the placement stays as it was,
      // but it is not stable now.
      if (this.current) this.current.netKg = null;
      this.lastWasStable = false;
      return events;
    }
    const steppedFromStable = this.lastWasStable && r.stable;
    this.lastWasStable = r.stable;
    const { zeroBandKg, removeFraction } = this.rules;
    // An emptied pan ends the container too: the next crate is tared afresh.
    if (r.grossKg <= zeroBandKg) this.tare = 0;
    const net = Math.round((r.grossKg - this.tare) * 1e6) / 1e6;
    const current = this.current;
    if (current) {
      const last = current.stableKg;
      const pressed = this.rules.demand && r.stable;
      const step = this.rules.stableStepKg;
      const next = step !== null && steppedFromStable && last !== null && Math.abs(net - last) > step;
      if (pressed || next || net <= zeroBandKg || (last !== null && net < last * removeFraction)) {
        this.current = null;
        events.push({ type: "removed", placement: current });
      }
    }
    if (!this.current && net > zeroBandKg) {
      this.current = { id: this.nextId++, startedAt: r.ts, lot, stableKg: null, netKg: net, taken: null };
      events.push({ type: "placed", placement: this.current });
    }
    const p = this.current;
    if (!p) return events;
    p.netKg = net;
    if (!r.stable) return events;
    p.stableKg = net;
    if (p.taken) return events;
    if (this.settings.mode === "tare" && this.tare === 0) {
      this.tare = r.grossKg;
      p.taken = { kind: "tare" };
      events.push({ type: "tare", kg: r.grossKg });
      return events;
    }
    if (this.isReady(net)) events.push({ type: "ready", placement: p, kg: net });
    return events;
  }

  /** The placement on the pan is stable now, not taken, and ready by the mode's rule. */
  ready(): boolean {
    const p = this.current;
    return (
      p !== null && !p.taken && p.stableKg !== null && p.netKg === p.stableKg && this.isReady(p.stableKg)
    );
  }

  /** Take the current placement's stable weight as the container's tare (the tare button). */
  takeTare(): number {
    const p = this.current;
    if (!p || p.stableKg === null) return 0;
    this.tare = Math.round((this.tare + p.stableKg) * 1e6) / 1e6;
    p.taken = { kind: "tare" };
    return this.tare;
  }

  clearTare(): void {
    this.tare = 0;
  }

  /** The mode's rule for taking a package without a tap. */
  private isReady(net: number): boolean {
    const s = this.settings;
    if (net < s.minPackageKg) return false;
    if (s.mode === "fill") return s.targetKg !== null && Math.abs(net - s.targetKg) <= s.toleranceKg + 1e-9;
    if (s.mode === "fixed") return s.nominalKg !== null && net >= s.nominalKg - 1e-9;
    return true;
  }
}
