import type { InputMessage, ScanMessage, TestMessage, WeightMessage } from "../../intake/contract.js";
import type { Projection } from "../../intake/projector.js";
import { classifyCode } from "../batches/incoming-lots.js";
import { toKg } from "../batches/package-records.js";
import type { Domain } from "../domain.js";
import { refusalFrom } from "./refusal-from.js";

/**
 * Projections from stored device messages to domain records (edge/intake/projector.ts). Each
 * is idempotent per message id: the repositories look the message id up before inserting.
 */
export function domainProjections(domain: Domain, stationCode: string): Projection[] {
  const input: Projection = {
    name: "domain-inputs",
    kinds: ["input"],
    apply(_db, m, messageId) {
      const p = JSON.parse(m.payload) as InputMessage;
      return refusalFrom(() => {
        domain.inputs.add(
          {
            siteId: p.site,
            kind: p.kind,
            name: p.name,
            regNo: p.regNo,
            activeIngredient: p.activeIngredient,
            dose: p.dose,
            amount: p.amount,
            unit: p.unit,
            method: p.method,
            intervalDays: p.intervalDays,
            operator: p.operator,
            crop: p.crop,
            target: p.target,
            appliedAt: m.ts,
          },
          { source: "device", deviceId: m.deviceId, messageId },
        );
      });
    },
  };

  const test: Projection = {
    name: "domain-tests",
    kinds: ["test"],
    apply(_db, m, messageId) {
      const p = JSON.parse(m.payload) as TestMessage;
      return refusalFrom(() => {
        if (p.site) domain.master.requireSite(p.site);
        if (p.batch) domain.batches.require(p.batch);
        domain.tests.add(
          {
            kind: "screen",
            sample: p.sample,
            method: p.method,
            inhibition: p.inhibition,
            result: p.result,
            siteId: p.site,
            batchLot: p.batch,
            operator: p.operator,
            testedAt: m.ts,
          },
          { source: "device", deviceId: m.deviceId, messageId },
        );
      });
    },
  };

  /**
   * A stable, positive, in-range weight becomes a package of the batch selected at that scale.
   * Unstable and zero weights are live display data, not packages, and are passed over quietly.
   */
  const weight: Projection = {
    name: "domain-packages",
    kinds: ["weight"],
    apply(_db, m, messageId) {
      const p = JSON.parse(m.payload) as WeightMessage;
      if (!p.stable || p.net <= 0 || (p.state !== undefined && p.state !== "ok")) return undefined;
      return refusalFrom(() => {
        const lot = domain.scales.require(m.deviceId);
        domain.packages.add(
          lot,
          {
            netKg: toKg(p.net, p.unit),
            tareKg: p.tare === undefined ? undefined : toKg(p.tare, p.unit),
            weighedAt: m.ts,
          },
          { source: "device", deviceId: m.deviceId, messageId },
        );
      });
    },
  };

  /**
   * Every scan is kept as an incoming-lot candidate (raw content, scanner, time): the scanner
   * cannot know whether the packing house is receiving. Codes the station printed itself (its
   * own lot codes and certificate numbers, scanned to check a label) are not supplier lots.
   */
  const scan: Projection = {
    name: "domain-incoming",
    kinds: ["scan"],
    apply(_db, m, messageId) {
      const p = JSON.parse(m.payload) as ScanMessage;
      const kind = classifyCode(p.code);
      if ((kind === "lot_code" || kind === "certificate_number") && p.code.startsWith(`${stationCode}-`)) {
        return undefined;
      }
      return refusalFrom(() => {
        domain.incoming.add(
          { rawCode: p.code, receivedAt: m.ts },
          { source: "device", deviceId: m.deviceId, messageId },
        );
      });
    },
  };

  return [input, test, weight, scan];
}
