import { afterAll, describe, expect, it } from "vitest";
import { connectDevice } from "../../helpers/mqtt-client.js";
import { removeDir, startTestStation, type TestStation } from "../../helpers/station.js";

/**
 * The commit policy seen from a device (issue 16): a reading is acknowledged within the commit
 * window, a weight at once. A device that publishes faster than the window (one message after
 * the other, as a firmware flushing its backlog does) is not held to one message per window:
 * aedes reads its next packet only after the last one is answered, so such a message commits
 * at once.
 */
let ts: TestStation;
afterAll(async () => {
  await ts.stop();
  removeDir(ts.dataDir);
});

describe("commit window over MQTT", () => {
  it("readings wait for the window, weights do not, a backlog flows", async () => {
    ts = await startTestStation({ intake: { readingWindowMs: 1000 } });
    const sensor = await connectDevice(ts.mqttUrl, "air-1", await ts.addDevice("air-1"));
    const scale = await connectDevice(ts.mqttUrl, "scale-1", await ts.addDevice("scale-1", "scale"));
    const timed = async (p: Promise<unknown>) => {
      const t0 = performance.now();
      await p;
      return performance.now() - t0;
    };
    const reading = sensor.publishAsync("trace/v1/dev/air-1/reading", '{"values":{"air_temp":21}}', {
      qos: 1,
    });
    await new Promise((r) => setTimeout(r, 100));
    const weight = await timed(
      scale.publishAsync("trace/v1/dev/scale-1/weight", '{"net":5,"unit":"kg","stable":true}', { qos: 1 }),
    );
    expect(weight).toBeLessThan(500);
    await reading;
    // More than half a window later (a device sending faster than that commits at once, see
    // edge/intake/intake.ts), a lone reading waits for its window; the weight went on its own.
    await new Promise((r) => setTimeout(r, 600));
    expect(
      await timed(
        sensor.publishAsync("trace/v1/dev/air-1/reading", '{"values":{"air_temp":22}}', { qos: 1 }),
      ),
    ).toBeGreaterThan(500);
    // 20 readings one after the other: at one per window this would take 20 s.
    const backlog = await timed(
      (async () => {
        for (let i = 0; i < 20; i++)
          await sensor.publishAsync(
            "trace/v1/dev/air-1/reading",
            `{"msgId":"b${i}","values":{"air_temp":${i}}}`,
            {
              qos: 1,
            },
          );
      })(),
    );
    expect(backlog).toBeLessThan(6000);
    await sensor.endAsync();
    await scale.endAsync();
    const stored = ts.station.db
      .prepare("SELECT count(*) FROM messages WHERE kind = 'reading'")
      .pluck()
      .get();
    expect(stored).toBe(22);
  }, 30_000);
});
