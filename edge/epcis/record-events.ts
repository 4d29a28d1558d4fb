import type { Database, Statement } from "better-sqlite3";
import { metricDefinition } from "../core/metric-registry.js";
import type { Domain } from "../domain/domain.js";
import type { Batch, Package, TestRecord } from "../domain/records.js";
import type { Shipment } from "../shipments/shipment-records-types.js";
import type { EpcisEvent, ObjectEvent } from "./epcis-event.js";
import type { EpcisStation, LotRef } from "./epcis-input.js";
import { batchCommissioned, inspection, packageCommissioned, packingTransformation } from "./events.js";
import { inspectionOf } from "./from-trace-record.js";
import { eventId, siteLocation, zoneOffset } from "./identifiers.js";
import { sensorType } from "./sensor-types.js";
import { shipmentEventsForLot } from "./shipment-events.js";

/**
 * Events for single records as the uplink forwards them (sinks with `format: epcis`): a
 * closed batch is commissioned (and transformed from its incoming lots), a package is
 * commissioned, a test is an inspection, a raw reading is a sensor_reporting observation at
 * its device's site. Event ids are the ones the export gives the same records, so a receiver
 * that takes both de-duplicates them. Records with no EPCIS meaning map to no event.
 */
export class EpcisRecordMapper {
  private readonly deviceSite: Statement;

  constructor(
    private readonly domain: Domain,
    private readonly station: EpcisStation,
    db: Database,
  ) {
    this.deviceSite = db.prepare("SELECT site FROM devices WHERE id = ?").pluck();
  }

  /** A device message (messages row); only readings have an EPCIS form. */
  message(rowId: number, deviceId: string, kind: string, ts: number, payload: string): EpcisEvent[] {
    if (kind !== "reading") return [];
    const values = (JSON.parse(payload) as { values: Record<string, unknown> }).values;
    // The contract makes values a map of numbers; anything else has no sensor report.
    const numeric = Object.entries(values).filter((e): e is [string, number] => typeof e[1] === "number");
    if (numeric.length === 0) return [];
    const site = (this.deviceSite.get(deviceId) as string | null | undefined) ?? null;
    const deviceUri = `urn:trace-station:${encodeURIComponent(this.station.code)}:device:${encodeURIComponent(deviceId)}`;
    const event: ObjectEvent = {
      type: "ObjectEvent",
      eventID: eventId(this.station.code, `reading:${rowId}`),
      eventTime: new Date(ts).toISOString(),
      eventTimeZoneOffset: zoneOffset(this.station.timezone, ts),
      action: "OBSERVE",
      bizStep: "sensor_reporting",
      readPoint: { id: site ? siteLocation(this.station.code, site) : deviceUri },
      sensorElementList: [
        {
          sensorMetadata: { time: new Date(ts).toISOString() },
          sensorReport: numeric.map(([metric, value]) => ({
            ...sensorType(metric, metricDefinition(metric)?.unit ?? null),
            value,
            "ts:metric": metric,
            "ts:device": deviceId,
          })),
        },
      ],
    };
    return [event];
  }

  /** A domain record from the outbox, by its kind. */
  outbox(kind: string, payload: unknown): EpcisEvent[] {
    switch (kind) {
      case "batch.closed":
        return this.batchClosed(payload as Batch);
      case "package":
        return this.package(payload as Package);
      case "test":
        return this.test(payload as TestRecord);
      case "shipment":
        return this.shipment(payload as Shipment);
      default:
        return [];
    }
  }

  private ref(lot: string): LotRef | null {
    const batch = this.domain.batches.get(lot);
    if (!batch) return null;
    const product = this.domain.master.product(batch.productId);
    return {
      lot,
      gtin: product?.gtin ?? null,
      productId: batch.productId,
      productName: product?.name ?? batch.productId,
    };
  }

  private batchClosed(batch: Batch): EpcisEvent[] {
    const ref = this.ref(batch.lot);
    if (!ref) return [];
    const totals = this.domain.packages.totals(batch.lot);
    const subject = this.domain.master.subject();
    const incoming = this.domain.incoming.forBatch(batch.lot);
    const events: EpcisEvent[] = [
      batchCommissioned(
        this.station,
        {
          ref,
          openedAt: batch.openedAt,
          closedAt: batch.closedAt,
          harvestAt: batch.harvestAt,
          windowStart: batch.windowStart,
          windowEnd: batch.windowEnd,
          netKg: totals.netKg,
          packageCount: totals.count,
          siteIds: batch.siteIds,
          nationalCode: batch.nationalCode,
          subjectName: subject?.name ?? null,
          originRegion: subject?.originRegion ?? null,
        },
        incoming.length > 0,
      ),
    ];
    if (incoming.length > 0) {
      events.push(
        packingTransformation(this.station, {
          output: ref,
          outputKg: totals.netKg,
          inputs: incoming,
          at: batch.closedAt ?? batch.openedAt,
        }),
      );
    }
    return events;
  }

  private package(p: Package): EpcisEvent[] {
    const ref = this.ref(p.lot);
    return ref
      ? [packageCommissioned(this.station, { ref, serial: p.serial, netKg: p.netKg, weighedAt: p.weighedAt })]
      : [];
  }

  /** Every lot the shipment carried: its packing into the shipment and its shipping. */
  private shipment(s: Shipment): EpcisEvent[] {
    const lots = [...new Set([...s.packages.map((p) => p.lot), ...s.lines.map((l) => l.lot)])];
    return lots.flatMap((lot) => {
      const ref = this.ref(lot);
      return ref ? shipmentEventsForLot(this.station, s, ref) : [];
    });
  }

  private test(t: TestRecord): EpcisEvent[] {
    return [inspection(this.station, inspectionOf(t, t.batchLot ? this.ref(t.batchLot) : null))];
  }
}
