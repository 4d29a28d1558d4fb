export interface PlacementSettings {
  /** At or below this the pan is empty: the next stable load is a new placement. */
  zeroBandKg: number;
  /** A stable weight this far from the last one published is a new placement too. */
  rearmDeltaKg: number;
}

/**
 * One stable weight per placement, not one per frame: a continuous indicator sends 10–20
 * stable frames a second for the same crate. Publishes the first stable weight above the zero
 * band, then stays quiet until the pan is emptied or the stable weight moves by more than
 * `rearmDeltaKg` (produce added or swapped without emptying the pan).
 */
export class PlacementTracker {
  private armed = true;
  private lastKg: number | undefined;

  constructor(private readonly settings: PlacementSettings) {}

  /** Returns the weight to publish, or undefined. Negative weights only re-arm. */
  update(kg: number, stable: boolean): number | undefined {
    if (kg <= this.settings.zeroBandKg) {
      this.armed = true;
      this.lastKg = undefined;
      return undefined;
    }
    if (!stable) return undefined;
    if (
      this.armed ||
      (this.lastKg !== undefined && Math.abs(kg - this.lastKg) > this.settings.rearmDeltaKg)
    ) {
      this.armed = false;
      this.lastKg = kg;
      return kg;
    }
    return undefined;
  }
}
