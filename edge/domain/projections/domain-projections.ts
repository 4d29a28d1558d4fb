import type { DeviceMessageKind } from "../../../broker/topics.js";
import type { InputMessage, ScanMessage, TestMessage, WeightMessage } from "../../intake/contract.js";
import type { AcceptedMessage } from "../../intake/decode.js";
import type { Projection } from "../../intake/projector.js";
import { serialsFromScan } from "../../shipments/package-scan.js";
import { classifyCode } from "../batches/incoming-lots.js";
import type { Domain } from "../domain.js";
import type { RecordOrigin } from "../inputs/input-records.js";
import { refusalFrom } from "./refusal-from.js";

/**
 * One projection of one message kind: the stored payload parsed, the record written with the
 * message as its origin (which makes the write idempotent per message id), domain errors turned
 * into a Refusal for the device. `write` returns early for messages that are no record at all.
 */
function deviceProjection<P>(
  name: string,
  kind: DeviceMessageKind,
  write: (payload: P, message: AcceptedMessage, origin: RecordOrigin) => void,
): Projection {
  return {
    name,
    kinds: [kind],
    apply(_db, m, messageId) {
      const p = JSON.parse(m.payload) as P;
      return refusalFrom(() => write(p, m, { source: "device", deviceId: m.deviceId, messageId }));
    },
  };
}

/**
 * Projections from stored device messages to domain records (edge/intake/projector.ts). Each
 * is idempotent per message id: the repositories look the message id up before inserting.
 */
export function domainProjections(domain: Domain, stationCode: string): Projection[] {
  const input = deviceProjection<InputMessage>("domain-inputs", "input", (p, m, origin) => {
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
      origin,
    );
  });

  const test = deviceProjection<TestMessage>("domain-tests", "test", (p, m, origin) => {
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
      origin,
    );
  });

  /**
   * A stored weight is a weighing, not a package: packages are made by the packing line when a
   * label prints or a worker accepts one (edge/packing-line). A stable weight from a scale with
   * no batch selected is still refused, so the device and the kiosk learn it was not booked.
   * (The projection keeps its old name: it is the name of its cursor in projection_cursors.)
   */
  const weight = deviceProjection<WeightMessage>("domain-packages", "weight", (p, m) => {
    if (!p.stable || p.net <= 0 || (p.state !== undefined && p.state !== "ok")) return;
    domain.scales.require(m.deviceId);
  });

  /**
   * Codes the station printed itself (its lot codes and certificate numbers, scanned to check a
   * label; its package labels, scanned when they ship in edge/shipments) and animals' ear tags
   * are not supplier lots.
   */
  const notSupplierLot = (kind: string, code: string): boolean =>
    kind === "animal_tag" ||
    ((kind === "lot_code" || kind === "certificate_number") && code.startsWith(`${stationCode}-`)) ||
    serialsFromScan(code).some((serial) => domain.packages.get(serial) !== undefined);

  /**
   * Every other scan is kept as an incoming-lot candidate (raw content, scanner, time): the
   * scanner cannot know whether the packing house is receiving.
   */
  const scan = deviceProjection<ScanMessage>("domain-incoming", "scan", (p, m, origin) => {
    const kind = classifyCode(p.code);
    // A scanned pesticide bottle goes to the input form on the kiosk, not to incoming lots.
    if (kind === "pesticide_label_qr") {
      domain.events.emit("label_qr", { code: p.code, deviceId: origin.deviceId ?? null, at: m.ts });
      return;
    }
    if (notSupplierLot(kind, p.code)) return;
    domain.incoming.add({ rawCode: p.code, receivedAt: m.ts }, origin);
  });

  return [input, test, weight, scan];
}
