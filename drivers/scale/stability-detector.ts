/**
 * Stability for indicators that send no flag (Yaohua tf=0, "=", A12): the weight counts as
 * stable once at least `frames` consecutive frames have stayed within one division for at
 * least `windowMs`. The run restarts as soon as a frame leaves the band.
 */
export class StabilityDetector {
  private count = 0;
  private since = 0;
  private min = 0;
  private max = 0;

  constructor(
    private readonly frames: number,
    private readonly windowMs: number,
  ) {}

  /** Feed one weight; returns whether the run it belongs to is stable now. */
  update(kg: number, divisionKg: number, now: number): boolean {
    const min = Math.min(this.min, kg);
    const max = Math.max(this.max, kg);
    // A small epsilon: 1.234 − 1.233 is 0.0010000000000001 in binary floating point.
    if (this.count > 0 && max - min <= divisionKg + 1e-9) {
      this.count++;
      this.min = min;
      this.max = max;
    } else {
      this.count = 1;
      this.since = now;
      this.min = kg;
      this.max = kg;
    }
    return this.count >= this.frames && now - this.since >= this.windowMs;
  }

  reset(): void {
    this.count = 0;
  }
}
