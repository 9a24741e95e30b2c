import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The README's examples import the package by name, as a user would; resolve that name to the source.
export default defineConfig({
  resolve: { alias: { "@authspecs/opentelemetry": fileURLToPath(new URL("./src/index.ts", import.meta.url)) } },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The Redis test starts and stops a redis-server; files run one after another on a shared machine.
    fileParallelism: false,
  },
});
