import { defineConfig } from "vitest/config";

const isCi = process.env.CI === "true" || process.env.CI === "1";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    exclude: ["test/e2e/**", "node_modules/**"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // In CI a JSON report is written too, so .ci/run can print one plain summary line per database.
    reporters: isCi ? ["default", "json"] : ["default"],
    outputFile: isCi ? { json: process.env.VITEST_JSON_REPORT ?? ".ci-out/vitest.json" } : undefined,
  },
});
