import { defineConfig } from "vitest/config";

// These tests pack tarballs, run npm, tsc, typedoc and a browser: slow, and heavy on a 2-core machine,
// so files run one at a time and get generous (non-asserting) time limits.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/helpers/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 480_000,
  },
});
