import { hourlyRollupHook } from "../domain/rollups/hourly-rollup-hook.js";
import type { WriteHook } from "./write-group.js";

/**
 * Hooks the writer thread runs inside each intake transaction. The writer imports this list
 * itself (a worker cannot be handed functions), so add a component's hook here with one line.
 */
export const writeHooks: readonly WriteHook[] = [hourlyRollupHook];
