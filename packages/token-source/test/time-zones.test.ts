// Issue 13, behaviour 5: a date-time without a zone is read as UTC, so the same response gives the
// same expiry on every host. The same responses are read by child processes under three TZs.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { TokenResponseError } from "@authspecs/auth-core";
import { createTokenSource } from "../src/token-source.js";
import { bitizeLike, papayaLike } from "./support/mappings.js";
import { startTokenEndpoint, type TokenEndpoint } from "./support/token-endpoint.js";

const NOW = Date.UTC(2024, 6, 11, 6, 48);
// The expiry field's text, by request path: every form has the same instant, 07:48 UTC on 11 July 2024.
const FORMS: Record<string, string> = {
  "no-zone-minutes": "2024-07-11T07:48",
  "no-zone-seconds": "2024-07-11T07:48:00",
  "no-zone-space": "2024-07-11 07:48:00",
  "no-zone-fraction": "2024-07-11T07:48:00.000",
  "utc": "2024-07-11T07:48:00Z",
  "offset": "2024-07-11T09:48:00+02:00",
  "offset-no-colon": "2024-07-11T04:48-0300",
  "http-date": "Thu, 11 Jul 2024 07:48:00 GMT",
};

let endpoint: TokenEndpoint;
beforeAll(async () => {
  endpoint = await startTokenEndpoint((request) => ({ status: 201, body: { token: "t", valid_until: FORMS[request.url.slice(1, -"/token".length)] } }));
});
afterAll(() => endpoint?.close());

const SCRIPT = `import { createTokenSource } from "./token-source.mjs";
const forms = JSON.parse(process.env.FORMS);
const mapping = JSON.parse(process.env.MAPPING);
const out = {};
for (const form of forms) {
  const source = createTokenSource({ mapping, baseUrl: process.env.BASE + "/" + form, values: { apiKey: "k", clientSecret: "s" }, clock: { now: () => ${NOW} } });
  out[form] = await source({ signal: new AbortController().signal }).then((t) => t.expiresAt, (e) => e.name);
}
console.log(JSON.stringify(out));
`;

describe("date-times without a zone", () => {
  test("give the same instant under TZ=UTC, America/Sao_Paulo and Asia/Tokyo", async () => {
    const dir = await mkdtemp(join(tmpdir(), "token-source-tz-"));
    try {
      await build({
        entryPoints: [fileURLToPath(new URL("../src/token-source.ts", import.meta.url))],
        bundle: true,
        format: "esm",
        platform: "neutral",
        outfile: join(dir, "token-source.mjs"),
        alias: { "@authspecs/auth-core": fileURLToPath(new URL("../../auth-core/src/index.ts", import.meta.url)) },
        logLevel: "silent",
      });
      await writeFile(join(dir, "main.mjs"), SCRIPT);
      const run = async (TZ: string) => {
        const env = { ...process.env, TZ, FORMS: JSON.stringify(Object.keys(FORMS)), MAPPING: JSON.stringify(papayaLike), BASE: endpoint.url };
        const { stdout } = await promisify(execFile)(process.execPath, [join(dir, "main.mjs")], { env, timeout: 20_000 });
        return JSON.parse(stdout) as Record<string, number | string>;
      };
      const [utc, saoPaulo, tokyo] = await Promise.all([run("UTC"), run("America/Sao_Paulo"), run("Asia/Tokyo")]);
      const expected = Object.fromEntries(Object.keys(FORMS).map((form) => [form, Date.UTC(2024, 6, 11, 7, 48)]));
      expect(utc).toEqual(expected);
      expect(saoPaulo).toEqual(expected);
      expect(tokyo).toEqual(expected);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("the date-time rule", () => {
  const read = async (text: string) => {
    const local = await startTokenEndpoint(() => ({ body: { access_token: "a", expiration_access_token: text } }));
    try {
      return await createTokenSource({ mapping: bitizeLike, baseUrl: local.url, values: { consumerKey: "c", secretKey: "s" }, clock: { now: () => NOW } })({
        signal: new AbortController().signal,
      }).then(
        (t) => t.expiresAt,
        (e: unknown) => e,
      );
    } finally {
      await local.close();
    }
  };

  test.each(["07/11/2024 07:48", "11 July 2024 07:48", "2024-07-11T07:48:00 PST", "2024-02-30T07:48Z", "2024-07-11T24:48Z", "2024-07-11T07:60Z", "2024-7-11T07:48Z"])(
    "refuses %s, whose instant would depend on the host or does not exist",
    async (text) => {
      expect(await read(text)).toBeInstanceOf(TokenResponseError);
    },
  );
});
