import type { Bilingual } from "./code-entry.js";

/**
 * Metric names a device may report, with units and the range a working sensor can physically
 * produce. A value outside the range is a wiring or scaling fault (e.g. a missing ×0.1), so it
 * is refused rather than stored. Names are part of the public contract: add, never rename.
 */
export interface MetricDefinition {
  unit: string;
  min: number;
  max: number;
  label: Bilingual;
}

const m = (unit: string, min: number, max: number, zh: string, en: string): MetricDefinition => ({
  unit,
  min,
  max,
  label: { zh, en },
});

export const METRICS: Readonly<Record<string, MetricDefinition>> = Object.freeze({
  air_temp: m("°C", -50, 70, "空气温度", "air temperature"),
  air_rh: m("%RH", 0, 100, "空气湿度", "air relative humidity"),
  water_temp: m("°C", -5, 50, "水温", "water temperature"),
  soil_temp: m("°C", -40, 80, "土壤温度", "soil temperature"),
  soil_moisture: m("%", 0, 100, "土壤含水量", "soil volumetric moisture"),
  soil_ec: m("µS/cm", 0, 20000, "土壤电导率", "soil electrical conductivity"),
  soil_ph: m("pH", 0, 14, "土壤 pH", "soil pH"),
  soil_n: m("mg/kg", 0, 2000, "土壤氮", "soil nitrogen"),
  soil_p: m("mg/kg", 0, 2000, "土壤磷", "soil phosphorus"),
  soil_k: m("mg/kg", 0, 2000, "土壤钾", "soil potassium"),
  water_ph: m("pH", 0, 14, "水体 pH", "water pH"),
  water_ec: m("µS/cm", 0, 100000, "水体电导率", "water electrical conductivity"),
  dissolved_oxygen: m("mg/L", 0, 50, "溶解氧", "dissolved oxygen"),
  ammonia_n: m("mg/L", 0, 100, "氨氮", "ammonia nitrogen (water)"),
  light: m("lux", 0, 200000, "光照度", "illuminance"),
  par: m("µmol/m²/s", 0, 3000, "光合有效辐射", "photosynthetically active radiation"),
  co2: m("ppm", 0, 10000, "二氧化碳", "carbon dioxide"),
  nh3: m("ppm", 0, 500, "氨气", "ammonia (air, pens)"),
  h2s: m("ppm", 0, 200, "硫化氢", "hydrogen sulphide (air, pens)"),
  atm_pressure: m("kPa", 30, 110, "大气压", "atmospheric pressure"),
  wind_speed: m("m/s", 0, 75, "风速", "wind speed"),
  rainfall: m("mm", 0, 500, "降雨量", "rainfall"),
  leaf_wetness: m("%", 0, 100, "叶面湿度", "leaf wetness"),
});

export function metricDefinition(name: string): MetricDefinition | undefined {
  return Object.hasOwn(METRICS, name) ? METRICS[name] : undefined;
}
