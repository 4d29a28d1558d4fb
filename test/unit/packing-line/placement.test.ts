import { describe, expect, it } from "vitest";
import { DEFAULT_LINE_SETTINGS, type LineSettings } from "../../../edge/packing-line/line-settings.js";
import { PlacementReader } from "../../../edge/packing-line/placement.js";

const rules = { zeroBandKg: 0.02, removeFraction: 0.5, demand: false, stableStepKg: null };

/** Feed (kg, stable) pairs; return the weights the reader said were ready, once per placement. */
function run(settings: Partial<LineSettings>, frames: Array<[number, boolean]>, demand = false) {
  const reader = new PlacementReader({ ...DEFAULT_LINE_SETTINGS, ...settings }, { ...rules, demand });
  const taken: number[] = [];
  frames.forEach(([kg, stable], ts) => {
    reader.update({ grossKg: kg, stable, ts }, "LOT");
    const p = reader.placement;
    if (reader.ready() && p) {
      taken.push(p.stableKg ?? 0);
      p.taken = { kind: "package", serial: `S${taken.length}` };
    }
  });
  return { taken, reader };
}

const hold = (kg: number, n: number, stable = true): Array<[number, boolean]> =>
  Array.from({ length: n }, () => [kg, stable]);

describe("placement reader", () => {
  it("each placement: one per carton, debris never, swapped boxes twice", () => {
    expect(
      run({}, [
        ...hold(0, 2),
        ...hold(2, 1, false),
        ...hold(5, 3),
        ...hold(0, 2),
        ...hold(4.9, 3),
        ...hold(0, 1),
      ]).taken,
    ).toEqual([5, 4.9]);
    expect(run({}, [...hold(0, 2), ...hold(0.035, 5)]).taken).toEqual([]);
    expect(run({}, [...hold(4, 3), ...hold(1.9, 1, false), ...hold(4, 3)]).taken).toEqual([4, 4]);
  });

  it("fill to target: pauses below the target make nothing, the crate at the target one", () => {
    const frames = [...hold(1.5, 3), ...hold(3, 3), ...hold(4.2, 3), ...hold(5.02, 3), ...hold(0, 1)];
    expect(run({ mode: "fill", targetKg: 5, toleranceKg: 0.05 }, frames).taken).toEqual([5.02]);
  });

  it("fixed weight: not until it reaches the nominal", () => {
    expect(run({ mode: "fixed", nominalKg: 2.5 }, [...hold(2.4, 3), ...hold(2.51, 3)]).taken).toEqual([2.51]);
  });

  it("tare: the container is the tare, not a package; the produce in it is net", () => {
    const { taken, reader } = run({ mode: "tare" }, [...hold(0, 1), ...hold(0.5, 3), ...hold(3.5, 3)]);
    expect(taken).toEqual([3]);
    expect(reader.tareKg).toBe(0.5);
    reader.update({ grossKg: 0, stable: true, ts: 99 }, "LOT");
    expect(reader.tareKg).toBe(0);
  });

  it("demand mode: every press is its own placement, even at the same weight", () => {
    expect(
      run(
        {},
        [
          [2.5, true],
          [2.5, true],
          [3.75, true],
        ],
        true,
      ).taken,
    ).toEqual([2.5, 2.5, 3.75]);
  });

  it("a network scale that publishes one stable weight per item: each different one is the next item", () => {
    const reader = new PlacementReader(DEFAULT_LINE_SETTINGS, { ...rules, stableStepKg: 0.05 });
    const taken: number[] = [];
    for (const [ts, kg] of [5.0, 5.01, 5.3, 4.8].entries()) {
      reader.update({ grossKg: kg, stable: true, ts }, "LOT");
      const p = reader.placement;
      if (reader.ready() && p) {
        taken.push(p.stableKg ?? 0);
        p.taken = { kind: "package", serial: String(ts) };
      }
    }
    // 5.01 is the same carton settling by one step; 5.3 and 4.8 are the next cartons.
    expect(taken).toEqual([5, 5.3, 4.8]);
  });

  it("a placement keeps the batch it was put on under", () => {
    const reader = new PlacementReader(DEFAULT_LINE_SETTINGS, rules);
    reader.update({ grossKg: 5, stable: true, ts: 0 }, "A");
    reader.update({ grossKg: 5, stable: true, ts: 1 }, "B");
    expect(reader.placement?.lot).toBe("A");
  });
});
