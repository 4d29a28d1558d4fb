export interface PlacementSettings {
  /** At or below this the pan is empty: the next stable load is a new placement. */
  zeroBandKg: number;
  /** A stable weight this far from the last one published is a new placement too. */
  rearmDeltaKg: number;
  /**
   * A drop below this fraction of the last stable weight is a removal even if the pan never
   * reads zero: two equal boxes swapped hand to hand are two placements (DOMAIN.md §6).
   */
  removeFraction: number;
}

/**
 * One stable weight per placement, not one per frame: a continuous indicator sends 10–20
 * stable frames a second for the same crate. Publishes the first stable weight above the zero
 * band, then stays quiet until the load is taken off (the pan empties or the weight drops
 * below `removeFraction` of the last one) or the stable weight moves by more than
 * `rearmDeltaKg` (produce added without emptying the pan). These are weighings, kept as
 * records; which of them become packages is the packing line's rule (edge/packing-line).
 */
export class PlacementTracker {
  private armed = true;
  private lastKg: number | undefined;

  constructor(private readonly settings: PlacementSettings) {}

  /** Returns the weight to publish, or undefined. Negative weights only re-arm. */
  update(kg: number, stable: boolean): number | undefined {
    const { zeroBandKg, removeFraction, rearmDeltaKg } = this.settings;
    if (kg <= zeroBandKg || (this.lastKg !== undefined && kg < this.lastKg * removeFraction)) {
      this.armed = true;
      this.lastKg = undefined;
      return undefined;
    }
    if (!stable) return undefined;
    if (this.armed || (this.lastKg !== undefined && Math.abs(kg - this.lastKg) > rearmDeltaKg)) {
      this.armed = false;
      this.lastKg = kg;
      return kg;
    }
    return undefined;
  }
}
