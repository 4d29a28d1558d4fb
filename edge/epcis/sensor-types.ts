/**
 * Station metrics as EPCIS sensor reports: the measurement type from the EPCIS 2.0 / CBV
 * vocabulary and the UN/ECE Recommendation 20 unit code of the registry's unit. Metrics with
 * no fitting GS1 type use the station's own vocabulary (`ts:`); units with no Rec 20 code
 * (pH, µmol/m²/s) are left out rather than guessed.
 */
interface SensorType {
  type: string;
  uom?: string;
}

const UNIT_CODES: Readonly<Record<string, string>> = {
  "°C": "CEL",
  "%RH": "P1",
  "%": "P1",
  "µS/cm": "G42",
  "mg/kg": "NA",
  "mg/L": "M1",
  lux: "LUX",
  ppm: "59",
  kPa: "KPA",
  "m/s": "MTS",
  mm: "MMT",
};

const TYPES: Readonly<Record<string, string>> = {
  air_temp: "Temperature",
  water_temp: "Temperature",
  soil_temp: "Temperature",
  air_rh: "RelativeHumidity",
  light: "Illuminance",
  atm_pressure: "Pressure",
  wind_speed: "Speed",
  soil_ec: "Conductivity",
  water_ec: "Conductivity",
  dissolved_oxygen: "MassConcentration",
  ammonia_n: "MassConcentration",
  rainfall: "Length",
};

export function sensorType(metric: string, unit: string | null): SensorType {
  const type = TYPES[metric] ?? `ts:${metric}`;
  const uom = unit === null ? undefined : UNIT_CODES[unit];
  return uom ? { type, uom } : { type };
}
