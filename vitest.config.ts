import { defineConfig } from "vitest/config";

// The default suite must stay fast (CI budget); long runs opt in with MEDGYM_TEST_PROFILE=long
// and are written as `describe.runIf(LONG)` in the suites that have them.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts", "domains/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    reporters: ["default", "./test/summary-reporter.ts"],
  },
});
