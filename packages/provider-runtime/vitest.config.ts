import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The README's quick start imports the package by name, as a user would; resolve that name to the source.
export default defineConfig({
  resolve: { alias: { "@authspecs/provider-runtime": fileURLToPath(new URL("./src/index.ts", import.meta.url)) } },
  test: { include: ["test/**/*.test.ts"], testTimeout: 20_000 },
});
