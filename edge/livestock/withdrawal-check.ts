import "./livestock-codes.js";
import { addDays } from "../core/local-day.js";
import { StationError } from "../core/station-error.js";
import { type BannedEntry, entriesIn } from "../domain/compliance/banned-list.js";
import type { Animal } from "./animal.js";
import type { Treatment } from "./treatment-records.js";

/** What leaves the farm: the animal itself (to slaughter or sale for meat) or its milk. */
export type AnimalOutput = "meat" | "milk";

export interface WithdrawalBlock {
  tag: string;
  written: string;
  drug: string;
  appliedDay: string;
  days: number;
  /** The first local day the animal (or its milk) may leave: applied day + days. */
  earliestDay: string;
  message: string;
}

/**
 * The interval rule for one animal (DOMAIN.md §4 休药期; 农业部公告第278号): it may leave on
 * day D only when D ≥ applied day + withdrawal days, for every treatment. Days are the
 * station's local calendar days, the way the withdrawal is counted on a farm.
 */
export function withdrawalBlocks(
  animal: Animal,
  treatments: readonly Treatment[],
  output: AnimalOutput,
  day: string,
): WithdrawalBlock[] {
  const blocks: WithdrawalBlock[] = [];
  for (const t of treatments) {
    const days = output === "meat" ? t.meatDays : t.milkDays;
    if (days === null || days === 0) continue;
    const earliestDay = addDays(t.appliedDay, days);
    if (day >= earliestDay) continue;
    const what = output === "meat" ? "出栏/屠宰" : "售奶";
    blocks.push({
      tag: animal.tag,
      written: animal.written,
      drug: t.drug,
      appliedDay: t.appliedDay,
      days,
      earliestDay,
      message: `牲畜 ${animal.written} ${t.appliedDay} 用 ${t.drug}，休药期 ${days} 天，${earliestDay} 起方可${what} / animal ${animal.written}: ${t.drug} on ${t.appliedDay}, ${days}-day ${output} withdrawal, earliest ${earliestDay}`,
    });
  }
  return blocks;
}

/**
 * Drugs banned for food animals (农业农村部公告第250号, the vet list the gate ships) among an
 * animal's treatments, in force on the treatment day: no withdrawal ends such a block.
 */
export function bannedDrugBlocks(
  animal: Animal,
  treatments: readonly Treatment[],
  banned: readonly BannedEntry[],
): Array<{ drug: string; substance: string; appliedDay: string; source: string; message: string }> {
  return treatments.flatMap((t) =>
    entriesIn(banned, t.drug)
      .filter((e) => e.effectiveFrom === undefined || e.effectiveFrom <= t.appliedDay)
      .map((e) => ({
        drug: t.drug,
        substance: e.name,
        appliedDay: t.appliedDay,
        source: e.source,
        message: `牲畜 ${animal.written} ${t.appliedDay} 用 ${t.drug}（${e.name}，${e.source}，食品动物禁用），不得出栏供食用 / animal ${animal.written} was given ${e.name}, banned for food animals`,
      })),
  );
}

export function assertNoBannedDrug(animal: Animal, blocks: ReturnType<typeof bannedDrugBlocks>): void {
  if (blocks.length === 0) return;
  throw new StationError("LIVESTOCK_BANNED_DRUG", blocks.map((b) => b.message).join("\n"), {
    tag: animal.tag,
    blocks,
  });
}

/** Refuse with LIVESTOCK_WITHDRAWAL, naming the animal, the drug and the earliest day. */
export function assertWithdrawalKept(blocks: readonly WithdrawalBlock[]): void {
  if (blocks.length === 0) return;
  const earliestDay =
    blocks
      .map((b) => b.earliestDay)
      .sort()
      .at(-1) ?? "";
  throw new StationError("LIVESTOCK_WITHDRAWAL", blocks.map((b) => b.message).join("\n"), {
    tag: blocks[0]?.tag,
    earliestDay,
    blocks,
  });
}
