import type { Command } from "../command.js";
import { deviceCommand } from "./device.js";
import { doctorCommand } from "./doctor.js";
import { initCommand } from "./init.js";
import { readingsCommand } from "./readings.js";
import { rejectsCommand } from "./rejects.js";
import { startCommand } from "./start.js";
import { uplinkCommand } from "./uplink.js";

/** Every sub-command; add a component's command here with one line. */
export const commands: readonly Command[] = [
  startCommand,
  initCommand,
  deviceCommand,
  readingsCommand,
  rejectsCommand,
  doctorCommand,
  uplinkCommand,
];
