import { type CodesOf, defineCodes } from "../edge/core/error-codes.js";

/** Labels: templates, QR content, GTINs, fonts. A print job's `reason` may carry one of these. */
export const labelCodes = defineCodes({
  LABEL_GTIN_INVALID: {
    title: { zh: "GTIN 无效", en: "Invalid GTIN" },
    remedy: {
      zh: "在产品资料中填写 8/12/13/14 位 GTIN 并核对校验位（GS1 中国条码以 690–699 开头）",
      en: "Enter an 8/12/13/14-digit GTIN on the product and check its check digit",
    },
  },
  LABEL_QR_TEMPLATE: {
    title: { zh: "二维码网址模板有误", en: "QR URL template is wrong" },
    remedy: {
      zh: "labels.qr 模板只能用 {baseUrl} {code} {lot} {serial} {gtin}",
      en: "labels.qr templates may only use {baseUrl} {code} {lot} {serial} {gtin}",
    },
  },
  LABEL_QR_NOT_ASCII: {
    title: { zh: "二维码内容含非 ASCII 字符", en: "QR content is not ASCII" },
    remedy: {
      zh: "labels.qr.baseUrl 与模板中不要写中文；兼容机打印非 ASCII 二维码会出错",
      en: "Keep Chinese out of labels.qr.baseUrl and templates; clone printers garble non-ASCII QR data",
    },
  },
  LABEL_TEMPLATE_INVALID: {
    title: { zh: "标签模板文件有误", en: "Label template file is invalid" },
    remedy: {
      zh: "按报错路径改正 labels.templatesDir 中的模板 JSON，可参照 labels/templates 下的内置模板",
      en: "Fix the template JSON at the reported path; compare with the built-in ones in labels/templates",
    },
  },
  LABEL_TEMPLATE_UNKNOWN: {
    title: { zh: "没有这个标签模板", en: "No such label template" },
    remedy: {
      zh: "打印机的 labels.packageTemplate / certificateTemplate 须是已有模板名（如 package-60x40、cert-producer-100x70）",
      en: "Use an existing template id (e.g. package-60x40, cert-producer-100x70)",
    },
  },
  LABEL_FONT_MISSING: {
    title: { zh: "找不到中文字体", en: "No Chinese font found" },
    remedy: {
      zh: "发布包自带的 labels/fonts/NotoSansSC-GBK.otf 缺失或 labels.fontFile 指向的文件已不在：重新安装发布包，或安装 fonts-noto-cjk（apt install），或改正 labels.fontFile",
      en: "The release's labels/fonts/NotoSansSC-GBK.otf is missing or labels.fontFile names a file that is gone: reinstall the release, install fonts-noto-cjk, or fix labels.fontFile",
    },
  },
});

declare module "../edge/core/error-codes.js" {
  interface ErrorCodes extends CodesOf<typeof labelCodes> {}
}
