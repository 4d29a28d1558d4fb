import { type CodesOf, defineCodes } from "../core/error-codes.js";

/** Codes of livestock by ear tag: tags, animals, treatments and sale/slaughter batches. */
export const livestockCodes = defineCodes({
  LIVESTOCK_TAG_LENGTH: {
    title: { zh: "耳标号不是15位数字", en: "Ear tag number is not 15 digits" },
    remedy: {
      zh: "照耳标正面抄写：1位种类代码-6位县级行政区域代码-8位顺序号，如 2-630121-00012345",
      en: "Copy the tag face: species digit, 6-digit county code, 8-digit serial, e.g. 2-630121-00012345",
    },
  },
  LIVESTOCK_TAG_SPECIES: {
    title: { zh: "耳标种类代码不是猪1、牛2、羊3", en: "Ear tag species code is not 1, 2 or 3" },
    remedy: {
      zh: "第1位为畜禽种类代码（猪1、牛2、羊3，办法第八条）；核对是否抄错或扫到了别的码",
      en: "The first digit is the species (pig 1, cattle 2, sheep 3); check for a typo or a wrong code",
    },
  },
  LIVESTOCK_TAG_COUNTY: {
    title: { zh: "耳标中的县级行政区域代码不存在", en: "Ear tag county code unknown" },
    remedy: {
      zh: "第2-7位须是县级行政区划代码（GB/T 2260）；旧代码的耳标请在配置 livestock.extraCountyCodes 中加入该代码",
      en: "Digits 2-7 must be a county code (GB/T 2260); for tags with a retired code add it to livestock.extraCountyCodes",
    },
  },
  LIVESTOCK_TAG_SPECIES_MISMATCH: {
    title: { zh: "耳标种类与登记的畜种不符", en: "Ear tag species differs from the animal's species" },
    remedy: {
      zh: "牛用2开头、羊用3开头的耳标；核对畜种或耳标",
      en: "Cattle tags start with 2, sheep tags with 3; check the species or the tag",
    },
  },
  LIVESTOCK_ANIMAL_EXISTS: {
    title: { zh: "该耳标已登记（一畜一标）", en: "This ear tag is already registered" },
    remedy: {
      zh: "一畜一标，编码唯一；用 trace-station animal show 查看已登记的牲畜",
      en: "One animal, one tag; see the registered animal with trace-station animal show",
    },
  },
  LIVESTOCK_ANIMAL_NOT_FOUND: {
    title: { zh: "没有这个耳标的牲畜", en: "No animal with this ear tag" },
    remedy: {
      zh: "先用 trace-station animal register 登记；电子耳标读数须先绑定到耳标号（--rfid）",
      en: "Register it first; an RFID number must first be bound to the ear tag (--rfid)",
    },
  },
  LIVESTOCK_ANIMAL_NOT_ON_FARM: {
    title: { zh: "牲畜已不在场（已售、已屠宰或死亡）", en: "Animal no longer on the farm" },
    remedy: {
      zh: "核对耳标；已出栏的牲畜不能再次出栏或用药",
      en: "Check the tag; an animal that has left cannot leave again or be treated",
    },
  },
  LIVESTOCK_PEN_NOT_FOUND: {
    title: { zh: "圈舍不存在", en: "Pen not found" },
    remedy: {
      zh: "先用 trace-station site add ID --kind pen 登记圈舍",
      en: "Add the pen first with trace-station site add ID --kind pen",
    },
  },
  LIVESTOCK_RFID_TAKEN: {
    title: { zh: "该电子耳标号已绑定到另一头牲畜", en: "RFID number bound to another animal" },
    remedy: {
      zh: "一个电子耳标只属于一头牲畜；核对读数或先更换原牲畜的耳标",
      en: "One RFID tag belongs to one animal; check the read or replace the other animal's tag first",
    },
  },
  LIVESTOCK_DRUG_UNKNOWN: {
    title: { zh: "兽药休药期未知", en: "Withdrawal period of the drug unknown" },
    remedy: {
      zh: "按标签填写休药期（--meat-days，奶畜再填 --milk-days）；或使用兽药表中的通用名",
      en: "Give the label's withdrawal (--meat-days, and --milk-days for dairy); or use a name from the vet drug table",
    },
  },
  LIVESTOCK_WITHDRAWAL: {
    title: { zh: "牲畜在休药期内，不能出栏或售奶", en: "Animal inside a withdrawal period" },
    remedy: {
      zh: "等到提示的最早日期再出栏/售奶；休药期依农业部公告第278号与兽药标签",
      en: "Wait until the earliest day shown; periods follow MOA announcement 278 and the label",
    },
  },
  LIVESTOCK_BANNED_DRUG: {
    title: {
      zh: "牲畜用过食品动物禁用药品，不能出栏或屠宰供食用",
      en: "Animal was given a drug banned for food animals",
    },
    remedy: {
      zh: "依农业农村部公告第250号，该牲畜不得作为食品动物出售或屠宰；报告当地畜牧兽医部门处理",
      en: "Under MARA announcement 250 it may not enter the food chain; report it to the local veterinary office",
    },
  },
  LIVESTOCK_SALE_NOT_FOUND: {
    title: { zh: "出栏批次不存在", en: "Sale batch not found" },
    remedy: {
      zh: "用 trace-station animal sales 查看出栏批次编号",
      en: "List sale batches with trace-station animal sales",
    },
  },
  LIVESTOCK_SALE_CLOSED: {
    title: { zh: "出栏批次已结束", en: "Sale batch already closed" },
    remedy: {
      zh: "新开一个出栏批次继续扫耳标",
      en: "Open a new sale batch to scan more animals",
    },
  },
  LIVESTOCK_SALE_OPEN: {
    title: { zh: "出栏批次尚未结束", en: "Sale batch still open" },
    remedy: {
      zh: "填写检疫证明号结束出栏后再导出 EPCIS",
      en: "Close the sale with its quarantine number, then export",
    },
  },
  LIVESTOCK_SALE_EMPTY: {
    title: { zh: "出栏批次没有牲畜", en: "Sale batch has no animals" },
    remedy: { zh: "先扫描出栏牲畜的耳标", en: "Scan the ear tags of the animals leaving first" },
  },
  LIVESTOCK_SALE_UNWEIGHED: {
    title: { zh: "出栏批次有未称重的牲畜，不能开合格证", en: "Sale has animals without a weight" },
    remedy: {
      zh: "开合格证的出栏批次须逐头称重（扫耳标时带活重）；不开合格证可不填产品",
      en: "A sale that gets a certificate weighs each animal (scan with its live weight); leave the product out otherwise",
    },
  },
  LIVESTOCK_QUARANTINE_MISSING: {
    title: { zh: "缺少动物检疫合格证明编号", en: "Quarantine certificate number missing" },
    remedy: {
      zh: "产地检疫后填写《动物检疫合格证明》编号再结束出栏（办法第十三条：无标识不出证）",
      en: "Enter the 动物检疫合格证明 number from origin quarantine before closing the batch",
    },
  },
});

declare module "../core/error-codes.js" {
  interface ErrorCodes extends CodesOf<typeof livestockCodes> {}
}
