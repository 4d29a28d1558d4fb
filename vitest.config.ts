import { defineConfig } from "vitest/config";

/**
 * One run for every test. Integration tests start real brokers, ptys and browsers, so they run
 * in forked processes with generous timeouts; TRACE_LONG=1 turns on the repeated crash runs.
 */
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ["default"],
  },
});
