import { createRequire } from "node:module";
import { PassThrough } from "node:stream";
import mqttPacket from "mqtt-packet";
import { describe, expect, it } from "vitest";
import { encodePacketNumbersOnTheFly } from "../../../broker/mqtt-packet-numbers.js";

const numbers = createRequire(import.meta.url)("mqtt-packet/numbers.js") as { cache: Record<number, Buffer> };

describe("packet ids encoded as they are written (issue 16: 6 MiB of heap per station)", () => {
  it("a PUBACK goes out byte for byte the same, and mqtt-packet keeps no Buffer per packet id", async () => {
    encodePacketNumbersOnTheFly();
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    mqttPacket.writeToStream({ cmd: "puback", messageId: 0x1234 }, stream);
    // mqtt-packet corks the stream and uncorks it on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
    expect([...Buffer.concat(chunks)]).toEqual([0x40, 0x02, 0x12, 0x34]);
    expect(Object.keys(numbers.cache)).toHaveLength(0);
  });
});
