// An error's `name` is its class's name in a minified bundle too: minifiers rename classes, so a
// name read from the constructor would be a letter or two (in logs, and in the error type that
// @authspecs/opentelemetry records).
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const ERROR_CLASSES = ["AuthConfigError", "TokenRequestError", "TokenResponseError", "TokenTimeoutError", "TokenNetworkError", "AuthAbortedError"];

/** The package's source bundled and minified as a user's bundler would, then imported. */
async function minifiedPackage(): Promise<Record<string, new (...args: unknown[]) => Error>> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL("../src/index.ts", import.meta.url))],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    write: false,
  });
  return import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0]!.contents).toString("base64")}`);
}

describe("error names", () => {
  it("survive minification", async () => {
    const api = await minifiedPackage();
    for (const className of ERROR_CLASSES) {
      const error = new api[className]!("message", { status: 400 });
      expect(error).toBeInstanceOf(api.AuthError);
      expect(error.name).toBe(className);
    }
  });
});
