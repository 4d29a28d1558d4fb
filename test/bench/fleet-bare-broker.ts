/**
 * The floor under the fleet benchmark (issue 16): aedes alone on TCP, every login accepted and
 * every PUBLISH acknowledged at once, nothing stored. The same load against it shows what the
 * MQTT library and the kernel cost by themselves on this machine, so the station's own share
 * is the difference, measured in the same run. Prints its port, then runs until killed.
 */
import { createServer } from "node:net";
import { Aedes } from "aedes";

const broker = await Aedes.createBroker();
broker.authorizePublish = (_client, _packet, done) => done(null);
const server = createServer(broker.handle);
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`${typeof address === "object" && address ? address.port : 0}\n`);
});
