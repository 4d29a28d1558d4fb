import type { Logger } from "../core/logger.js";
import { creditCodeCheckChar } from "../domain/codes/credit-code.js";
import type { Domain } from "../domain/domain.js";

/** 17 characters from the GB 32100 alphabet; the check character is computed, not typed. */
const DEMO_CREDIT_CODE_BASE = "91510100MA61QX2K3";

/**
 * The embedded demo (`npm start` with no config) should let a newcomer open a batch and print
 * at once, so an empty station gets a demo subject, product and greenhouse. A station that has
 * any master data of its own is never touched, and a real install turns demo off.
 */
export function seedDemoMasterData(domain: Domain, log: Logger): boolean {
  const { master } = domain;
  if (master.subject() || master.products().length > 0 || master.sites().length > 0) return false;
  master.setSubject({
    name: "示范果蔬专业合作社（演示）",
    kind: "producer",
    idKind: "credit_code",
    idNumber: `${DEMO_CREDIT_CODE_BASE}${creditCodeCheckChar(DEMO_CREDIT_CODE_BASE) ?? ""}`,
    address: "演示地址 / demo address",
    originRegion: "四川省成都市",
    contact: "028-00000000",
  });
  master.putProduct({ id: "tomato", name: "番茄", category: "vegetables", crop: "番茄", unit: "kg" });
  master.putSite({ id: "gh1", name: "1号温室", kind: "greenhouse" });
  log.info(
    "demo master data created (subject, product tomato, site gh1); set demo.enabled: false for a real station",
  );
  return true;
}
