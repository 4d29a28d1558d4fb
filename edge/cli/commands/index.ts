import type { Command } from "../command.js";
import { alarmsCommand } from "./alarms.js";
import { backupCommand } from "./backup.js";
import { batchCommand } from "./batch.js";
import { certCommand } from "./cert.js";
import { dbCommand } from "./db.js";
import { deviceCommand } from "./device.js";
import { doctorCommand } from "./doctor.js";
import { exportCommand } from "./export.js";
import { incomingCommand } from "./incoming.js";
import { initCommand } from "./init.js";
import { inputCommand } from "./input.js";
import { printCommand } from "./print.js";
import { printersCommand } from "./printers.js";
import { productCommand } from "./product.js";
import { readingsCommand } from "./readings.js";
import { recallCommand } from "./recall.js";
import { rejectsCommand } from "./rejects.js";
import { restoreCommand } from "./restore.js";
import { rollupsCommand } from "./rollups.js";
import { shipmentCommand } from "./shipment.js";
import { simulateCommand } from "./simulate.js";
import { siteCommand } from "./site.js";
import { startCommand } from "./start.js";
import { subjectCommand } from "./subject.js";
import { testCommand } from "./test.js";
import { uplinkCommand } from "./uplink.js";

/** Every sub-command; add a component's command here with one line. */
export const commands: readonly Command[] = [
  startCommand,
  initCommand,
  deviceCommand,
  readingsCommand,
  rejectsCommand,
  simulateCommand,
  subjectCommand,
  productCommand,
  siteCommand,
  batchCommand,
  inputCommand,
  testCommand,
  certCommand,
  incomingCommand,
  rollupsCommand,
  dbCommand,
  doctorCommand,
  backupCommand,
  restoreCommand,
  uplinkCommand,
  exportCommand,
  printCommand,
  printersCommand,
  alarmsCommand,
  shipmentCommand,
  recallCommand,
];
