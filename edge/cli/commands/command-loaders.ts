import type { Command } from "../command.js";

/**
 * Each command's module by the command's name, so `trace-station start` loads the station and
 * not also the code of 28 other commands (issue 16: start time and idle memory). Only the
 * top-level help and the completion script need every declaration (`commands` in index.ts);
 * a test holds this table to that list, name for name and command for command.
 */
export const commandLoaders: Readonly<Record<string, () => Promise<Command>>> = {
  start: async () => (await import("./start.js")).startCommand,
  init: async () => (await import("./init.js")).initCommand,
  device: async () => (await import("./device.js")).deviceCommand,
  readings: async () => (await import("./readings.js")).readingsCommand,
  rejects: async () => (await import("./rejects.js")).rejectsCommand,
  simulate: async () => (await import("./simulate.js")).simulateCommand,
  subject: async () => (await import("./subject.js")).subjectCommand,
  product: async () => (await import("./product.js")).productCommand,
  site: async () => (await import("./site.js")).siteCommand,
  batch: async () => (await import("./batch.js")).batchCommand,
  input: async () => (await import("./input.js")).inputCommand,
  test: async () => (await import("./test.js")).testCommand,
  cert: async () => (await import("./cert.js")).certCommand,
  incoming: async () => (await import("./incoming.js")).incomingCommand,
  rollups: async () => (await import("./rollups.js")).rollupsCommand,
  db: async () => (await import("./db.js")).dbCommand,
  doctor: async () => (await import("./doctor.js")).doctorCommand,
  backup: async () => (await import("./backup.js")).backupCommand,
  restore: async () => (await import("./restore.js")).restoreCommand,
  uplink: async () => (await import("./uplink.js")).uplinkCommand,
  export: async () => (await import("./export.js")).exportCommand,
  print: async () => (await import("./print.js")).printCommand,
  operator: async () => (await import("./operator.js")).operatorCommand,
  audit: async () => (await import("./audit.js")).auditCommand,
  printers: async () => (await import("./printers.js")).printersCommand,
  alarms: async () => (await import("./alarms.js")).alarmsCommand,
  shipment: async () => (await import("./shipment.js")).shipmentCommand,
  recall: async () => (await import("./recall.js")).recallCommand,
  animal: async () => (await import("./animal.js")).animalCommand,
};
