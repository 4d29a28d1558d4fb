import { hourlyRollupHook } from "../domain/rollups/hourly-rollup-hook.js";
import type { DerivedHook } from "./derived-writes.js";

/**
 * Derived data the writer thread gathers from each intake transaction and writes every few
 * seconds (derived-writes.ts). The writer imports this list itself (a worker cannot be handed
 * functions), so add a component's hook here with one line.
 */
export const writeHooks: readonly DerivedHook[] = [hourlyRollupHook];
