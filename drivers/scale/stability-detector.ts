export interface StabilitySettings {
  /** Frames within the band that make a weight stable on a fast indicator. */
  frames: number;
  /** Time within the band that makes a weight stable on a slow one (at least two frames). */
  windowMs: number;
  /** The indicator's division (e = d), when the technician declared it. */
  divisionKg?: number | undefined;
}

/** Divisions an indicator can have, as multiples of its last displayed digit (1, 2, 5 × 10ⁿ). */
const MULTIPLES = [1, 2, 5, 10, 20, 50] as const;
/** Distinct non-zero weights seen before the inferred division is trusted. */
const VALUES_TO_TRUST = 2;

/**
 * Stability for indicators that send no flag (Yaohua tf=0, "=", A12). A weight is stable once
 * the frames since the run began stayed within ±1 division of each other (a settled indicator
 * flickers by one division, OIML R76-1 §3.9.1 "stable equilibrium" allows it) for `frames`
 * frames or for `windowMs`, whichever comes first: a 20 Hz indicator settles by frame count,
 * a 2 Hz one by time, and neither needs tuning.
 *
 * The division is the declared one, else inferred: the largest of 1, 2, 5 × 10ⁿ display digits
 * that every weight shown so far is a multiple of (an indicator with e = 5 g shows three
 * decimals but only ever 1.235 or 1.240, never 1.237).
 */
export class StabilityDetector {
  private count = 0;
  private since = 0;
  private min = 0;
  private max = 0;
  private resolution = 0;
  private fits: boolean[] = [];
  private values = new Set<number>();

  constructor(private readonly settings: StabilitySettings) {}

  /** The division in use now (declared, inferred, or the display resolution). */
  division(resolutionKg: number): number {
    if (this.settings.divisionKg !== undefined) return this.settings.divisionKg;
    if (resolutionKg !== this.resolution || this.values.size < VALUES_TO_TRUST) return resolutionKg;
    for (let i = MULTIPLES.length - 1; i >= 0; i--) {
      if (this.fits[i]) return Math.round(resolutionKg * (MULTIPLES[i] ?? 1) * 1e9) / 1e9;
    }
    return resolutionKg;
  }

  /** Feed one weight; returns whether the run it belongs to is stable now. */
  update(kg: number, resolutionKg: number, now: number): boolean {
    this.learn(kg, resolutionKg);
    const division = this.division(resolutionKg);
    const min = Math.min(this.min, kg);
    const max = Math.max(this.max, kg);
    // A small epsilon: 1.240 − 1.235 is 0.00499999… in binary floating point.
    if (this.count > 0 && max - min <= division + 1e-9) {
      this.count++;
      this.min = min;
      this.max = max;
    } else {
      this.count = 1;
      this.since = now;
      this.min = kg;
      this.max = kg;
    }
    return (
      this.count >= this.settings.frames || (this.count >= 2 && now - this.since >= this.settings.windowMs)
    );
  }

  reset(): void {
    this.count = 0;
  }

  /** Rule out the divisions this weight is not a multiple of. */
  private learn(kg: number, resolutionKg: number): void {
    if (resolutionKg !== this.resolution) {
      this.resolution = resolutionKg;
      this.fits = MULTIPLES.map(() => true);
      this.values.clear();
    }
    if (kg === 0) return;
    if (this.values.size < 16) this.values.add(kg);
    const digits = Math.round(Math.abs(kg) / resolutionKg);
    MULTIPLES.forEach((m, i) => {
      if (digits % m !== 0) this.fits[i] = false;
    });
  }
}
