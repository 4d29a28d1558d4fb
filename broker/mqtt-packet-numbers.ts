import mqttPacket from "mqtt-packet";

/**
 * mqtt-packet (the encoder under aedes and mqtt.js) keeps, from the first packet it writes, a
 * 2-byte Buffer for each of the 65 536 packet ids: 6 MiB of the main thread's heap for as long
 * as the station runs (heap snapshot after `npm run bench fleet`, issue 16), to save a 2-byte
 * allocation per PUBACK. Off, it encodes each number as it writes it; mqtt.js turns the same
 * switch with its `writeCache: false` option. The switch is the library's own and global to
 * the process, hence set once by the composition root.
 */
export function encodePacketNumbersOnTheFly(): void {
  mqttPacket.writeToStream.cacheNumbers = false;
}
