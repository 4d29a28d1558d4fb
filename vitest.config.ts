import { defineConfig } from "vitest/config";

/**
 * Three projects that can run alone (`npm run test:unit`, `test:integration`, `test:browser`,
 * or `npx vitest run --project unit`); `vitest run` runs all of them in one pool. Integration
 * and browser tests start real brokers, ptys, child stations and chromium, so everything runs
 * in forked processes with generous timeouts, and those two projects rebuild dist/ first when
 * a source is newer (their tests spawn the built CLI). TRACE_LONG=1 turns on the repeated
 * crash runs.
 */
export default defineConfig({
  test: {
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ["default"],
    projects: [
      // Unit tests start no processes, brokers or ptys: worker threads start faster than forks,
      // which pays for the writer thread now loading its TypeScript source in the other projects.
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"], pool: "threads" } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          globalSetup: ["test/setup/build-dist.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["test/e2e/**/*.test.ts"],
          globalSetup: ["test/setup/build-dist.ts"],
        },
      },
    ],
  },
});
