import { type CodesOf, defineCodes } from "../core/error-codes.js";

/** Codes of named operators: their records, their PINs, their kiosk sessions and role rules. */
export const operatorCodes = defineCodes({
  OPERATOR_NOT_FOUND: {
    title: { zh: "操作员不存在", en: "Operator not found" },
    remedy: {
      zh: "用 trace-station operator list 核对操作员编号",
      en: "Check the operator number with trace-station operator list",
    },
  },
  OPERATOR_INVALID: {
    title: { zh: "操作员资料不完整", en: "Operator details are incomplete" },
    remedy: {
      zh: "姓名 1–64 字，角色为 worker、supervisor 或 technician，PIN 为 4–12 位数字",
      en: "Name of 1–64 characters, role worker, supervisor or technician, PIN of 4–12 digits",
    },
  },
  OPERATOR_EXISTS: {
    title: { zh: "操作员编号已被占用", en: "Operator number already taken" },
    remedy: {
      zh: "换一个编号，或不指定 --number 由系统分配",
      en: "Pick another number, or leave --number out to get the next free one",
    },
  },
  OPERATOR_DISABLED: {
    title: { zh: "此操作员已停用", en: "This operator is disabled" },
    remedy: {
      zh: "请主管用 trace-station operator pin 重新设置 PIN 以恢复，或换人登录",
      en: "A supervisor restores them by setting a new PIN (trace-station operator pin), or sign in as someone else",
    },
  },
  OPERATOR_PIN_WRONG: {
    title: { zh: "操作员或 PIN 不正确", en: "Wrong operator or PIN" },
    remedy: {
      zh: "核对自己的操作员编号和 PIN；忘记 PIN 请主管重新设置",
      en: "Check your operator number and PIN; a supervisor resets a forgotten PIN",
    },
  },
  OPERATOR_SESSION_ENDED: {
    title: { zh: "登录已结束，请重新登录", en: "Signed out: sign in again" },
    remedy: {
      zh: "空闲超时、PIN 被更改或账号被停用都会结束登录；请重新输入操作员编号和 PIN",
      en: "Idle time-out, a PIN change or a disabled account ends a sign-in; enter your operator number and PIN again",
    },
  },
  OPERATOR_SIGN_IN_REQUIRED: {
    title: {
      zh: "已启用个人登录，公用 PIN 不再有效",
      en: "Personal sign-in is on: the shared PIN no longer works",
    },
    remedy: {
      zh: "在操作屏上选择自己的姓名并输入个人 PIN；自动化脚本使用管理令牌",
      en: "Pick your name on the kiosk and enter your own PIN; automation uses the admin token",
    },
  },
  OPERATOR_ROLE_REFUSED: {
    title: { zh: "您的角色不能执行此操作", en: "Your role cannot do this" },
    remedy: {
      zh: "作废、放行和管理操作员需主管或技术员登录后操作",
      en: "Voids, overrides and managing operators need a supervisor or technician to sign in",
    },
  },
});

declare module "../core/error-codes.js" {
  interface ErrorCodes extends CodesOf<typeof operatorCodes> {}
}
