import type { RuleKind, Severity } from "./rule-schema.js";

/** A shipped rule template: everything but the place (site or device) it watches. */
export interface AlarmPreset {
  name: string;
  title: { zh: string; en: string };
  metric: string;
  kind: RuleKind;
  threshold: number;
  forSec: number;
  hysteresis: number;
  windowSec?: number;
  silentSec?: number;
  severity: Severity;
  advice: { zh: string; en: string };
  /** Where the numbers come from; shown by `trace-station alarms presets` and the API. */
  source: string;
}

const p = (preset: AlarmPreset): AlarmPreset => preset;

/**
 * The common cases of 评估预警 on a farm. Numbers are conservative starting points a
 * cooperative tunes per crop or stock; each names its source. Gas limits in NY/T 388 are in
 * mg/m³, sensors report ppm: converted at 20 °C, 101.3 kPa (molar volume 24.04 L).
 */
export const ALARM_PRESETS: readonly AlarmPreset[] = [
  p({
    name: "greenhouse-frost",
    title: { zh: "温室低温霜冻", en: "Greenhouse frost" },
    metric: "air_temp",
    kind: "below",
    threshold: 2,
    forSec: 900,
    hysteresis: 1,
    severity: "critical",
    advice: {
      zh: "温室内温度过低：加盖保温被或草苫、开启加温设备，关闭风口",
      en: "Greenhouse too cold: cover with thermal blankets, start heating, close the vents",
    },
    source:
      "王惠贞等, 湖北农业科学 2017(14):2628（日光温室最低气温低于 2 ℃ 时不耐低温蔬菜易发生冷害）; DB13/T 5175-2020 §2.2（日最低气温 < 5 ℃ 为低温）",
  }),
  p({
    name: "trout-oxygen-low",
    title: { zh: "冷水鱼池溶解氧偏低（虹鳟）", en: "Trout pond dissolved oxygen low" },
    metric: "dissolved_oxygen",
    kind: "below",
    threshold: 5,
    forSec: 600,
    hysteresis: 0.5,
    severity: "critical",
    advice: {
      zh: "溶解氧偏低：立即开启增氧机，暂停投喂，加注新水",
      en: "Oxygen low: start the aerator now, stop feeding, add fresh water",
    },
    source:
      "GB 11607-1989 渔业水质标准 表1 溶解氧（24 h 中 16 h 以上须大于 5 mg/L，鲑科鱼类水域不得低于 4 mg/L）; Molony 2001, Fisheries Research Report 130 (WA): rainbow trout DO requirements",
  }),
  p({
    name: "trout-water-warm",
    title: { zh: "冷水鱼池水温过高（虹鳟）", en: "Trout pond water too warm" },
    metric: "water_temp",
    kind: "above",
    threshold: 20,
    forSec: 1800,
    hysteresis: 1,
    severity: "warning",
    advice: {
      zh: "水温过高：加大换水量、遮阴，减少投喂，开启增氧",
      en: "Water too warm: exchange more water, shade the pond, feed less, aerate",
    },
    source:
      "Molony 2001, Fisheries Research Report 130 (WA), review of rainbow trout temperature tolerance; lake habitat upper threshold about 21 °C (review of rainbow trout distribution in lakes and reservoirs)",
  }),
  p({
    name: "trout-water-rising",
    title: { zh: "冷水鱼池水温上升过快", en: "Trout pond water warming fast" },
    metric: "water_temp",
    kind: "rate",
    threshold: 2,
    windowSec: 3600,
    forSec: 0,
    hysteresis: 0.5,
    severity: "warning",
    advice: {
      zh: "水温 1 小时内升高 2 ℃ 以上：检查进水水源和遮阴，准备增氧",
      en: "Water rose over 2 °C within an hour: check the inflow and shade, get aeration ready",
    },
    source:
      "Issue 18 example (2 °C in one hour); Molony 2001, Fisheries Research Report 130 (WA): salmonids are stressed by rapid temperature change",
  }),
  p({
    name: "cold-room-warm",
    title: { zh: "冷库温度高于 4 ℃", en: "Cold room above 4 °C" },
    metric: "air_temp",
    kind: "above",
    threshold: 4,
    forSec: 900,
    hysteresis: 0.5,
    severity: "critical",
    advice: {
      zh: "冷库升温：关好库门，检查制冷机组是否运行、是否结霜，必要时转移货物",
      en: "Cold room warming: shut the door, check the refrigeration unit and frost, move the goods if needed",
    },
    source:
      "USDA Agriculture Handbook 66 (2016), recommended storage 0–4 °C for temperate fruit and most vegetables; cold room target 0–4 °C of issue 18",
  }),
  p({
    name: "cold-room-freezing",
    title: { zh: "冷库温度低于 0 ℃", en: "Cold room below 0 °C" },
    metric: "air_temp",
    kind: "below",
    threshold: 0,
    forSec: 900,
    hysteresis: 0.5,
    severity: "warning",
    advice: {
      zh: "冷库过冷，果蔬可能冻伤：调高设定温度，检查温控器",
      en: "Cold room too cold, produce may freeze: raise the set point, check the thermostat",
    },
    source:
      "USDA Agriculture Handbook 66 (2016): freezing injury below the highest freezing point (about −0.5 to −1 °C for most produce)",
  }),
  p({
    name: "barn-nh3-high",
    title: { zh: "畜禽舍氨气偏高", en: "Barn ammonia high" },
    metric: "nh3",
    kind: "above",
    threshold: 20,
    forSec: 600,
    hysteresis: 3,
    severity: "warning",
    advice: {
      zh: "氨气偏高：加大通风，清理粪污，检查垫料是否过湿",
      en: "Ammonia high: ventilate more, remove manure, check the bedding is not wet",
    },
    source:
      "NY/T 388-1999 畜禽场环境质量标准 表1 舍区：氨气 成禽舍 15 mg/m³（≈ 21 ppm），猪舍 25 mg/m³（≈ 35 ppm）",
  }),
  p({
    name: "barn-h2s-high",
    title: { zh: "畜禽舍硫化氢偏高", en: "Barn hydrogen sulphide high" },
    metric: "h2s",
    kind: "above",
    threshold: 7,
    forSec: 600,
    hysteresis: 1,
    severity: "critical",
    advice: {
      zh: "硫化氢偏高：立即加大通风，人员不要进入粪池区域，排查粪沟",
      en: "Hydrogen sulphide high: ventilate now, keep people away from the manure pit, check the channels",
    },
    source: "NY/T 388-1999 畜禽场环境质量标准 表1 舍区：硫化氢 成禽舍、猪舍 10 mg/m³（≈ 7 ppm）",
  }),
  p({
    name: "soil-ec-high",
    title: { zh: "土壤盐分偏高（电导率）", en: "Soil salinity high (EC)" },
    metric: "soil_ec",
    kind: "above",
    threshold: 4000,
    forSec: 3600,
    hysteresis: 300,
    severity: "warning",
    advice: {
      zh: "土壤电导率偏高：减少施肥，大水洗盐或滴灌淋洗，检查传感器是否在施肥后立即测量",
      en: "Soil EC high: cut fertiliser, leach with irrigation, check the reading was not taken just after fertigation",
    },
    source:
      "USDA Agriculture Handbook 60 (Richards 1954) ch. 1: saline soil at saturated-paste EC ≥ 4 dS/m (4000 µS/cm); in-situ probes read lower, tune per probe",
  }),
];

export function presetNamed(name: string): AlarmPreset | undefined {
  return ALARM_PRESETS.find((preset) => preset.name === name);
}
