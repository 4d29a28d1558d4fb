import { type CodeCheck, invalid, valid } from "../../core/check-result.js";

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-symbol set without I, O, Z, S, V;
 * the 18th is a check character, mod 31 with the weights of §4 of the standard.
 */
export const CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The check character for the first 17 characters, or undefined if one is outside the set. */
export function creditCodeCheckChar(first17: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARSET.indexOf(first17.charAt(i));
    if (v < 0) return undefined;
    sum += v * (WEIGHTS[i] as number);
  }
  return CREDIT_CODE_CHARSET.charAt((31 - (sum % 31)) % 31);
}

export function checkCreditCode(code: string): CodeCheck {
  if (code.length !== 18) return invalid(`统一社会信用代码应为 18 位 / credit code must be 18 characters`);
  for (const ch of code) {
    if (!CREDIT_CODE_CHARSET.includes(ch)) {
      return invalid(`含不允许的字符 "${ch}"（不用 I O Z S V）/ character "${ch}" not allowed`);
    }
  }
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (expected !== code.charAt(17)) {
    return invalid(`校验码应为 ${expected} / check character should be ${expected}`);
  }
  return valid();
}
