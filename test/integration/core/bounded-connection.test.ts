import { once } from "node:events";
import { connect, createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { BoundedConnection } from "../../../broker/bounded-connection.js";

/**
 * The stream aedes reads and writes a client through (broker/bounded-connection.ts), over a
 * real TCP pair: what aedes writes while a write is in flight goes to the socket as one
 * write, in order, so the PUBACKs of a group commit cost one syscall a client, not one each.
 */
let server: Server | undefined;
afterEach(() => server?.close());

async function pair(): Promise<{ station: Socket; device: Socket }> {
  server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address() as { port: number };
  const accepted = once(server, "connection");
  const device = connect(address.port, "127.0.0.1");
  await once(device, "connect");
  const [station] = (await accepted) as [Socket];
  return { station, device };
}

describe("bounded connection", () => {
  it("writes the PUBACKs of one commit to the socket together, every byte in order", async () => {
    const { station, device } = await pair();
    const conn = new BoundedConnection(station, { beforeLogin: 1024, afterLogin: 1024 }, () => {});
    const socketWrites: number[] = [];
    const write = station.write.bind(station);
    station.write = ((chunk: Buffer, cb?: (err?: Error | null) => void) => {
      socketWrites.push(chunk.length);
      return write(chunk, cb);
    }) as typeof station.write;
    const received: Buffer[] = [];
    device.on("data", (c: Buffer) => received.push(c));
    // 200 PUBACKs (MQTT 3.1.1 §3.4: 0x40, 2, packet id), as aedes writes them after a commit.
    const acks = Array.from({ length: 200 }, (_, i) => Buffer.from([0x40, 2, i >> 8, i & 0xff]));
    for (const ack of acks) conn.write(ack);
    await new Promise<void>((resolve) => conn.end(resolve));
    await once(device, "end");
    expect(Buffer.concat(received)).toEqual(Buffer.concat(acks));
    // The first goes at once; the 199 written while it was in flight follow in one write.
    expect(socketWrites).toEqual([4, 199 * 4]);
    device.destroy();
  });
});
