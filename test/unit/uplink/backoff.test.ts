import { describe, expect, it } from "vitest";
import { Backoff } from "../../../edge/uplink/backoff.js";

describe("backoff with equal jitter", () => {
  it("grows by the factor up to the ceiling, each delay between half and all of it", () => {
    const low = new Backoff({ initialMs: 100, maxMs: 1000, factor: 2 }, () => 0);
    const high = new Backoff({ initialMs: 100, maxMs: 1000, factor: 2 }, () => 1);
    expect([1, 2, 3, 4, 5].map(() => low.next())).toEqual([50, 100, 200, 400, 500]);
    expect([1, 2, 3, 4, 5].map(() => high.next())).toEqual([100, 200, 400, 800, 1000]);
    high.reset();
    expect(high.next()).toBe(100);
  });
});
