import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findLeaks } from "../../scripts/check-provenance.mjs";
import { docsEntryPoints } from "../../scripts/docs-entry-points.mjs";
import { loadSpecs } from "../../scripts/docs-reference.mjs";
import { startDocsServer } from "../../scripts/docs-serve.mjs";
import { run } from "./helpers/run.js";
import { repoRoot } from "./helpers/workspace.js";

// Builds the docs site exactly as `pnpm docs` does (validation warnings are errors), serves it on
// loopback and reads it in Debian's Chromium: every package page with its README, every spec's
// reference page, the errors guide, the search, and the network. Screenshots of the landing page,
// a module page and a reference page go to test-artifacts/.
const site = join(repoRoot, "docs-site");
const artifacts = join(repoRoot, "test-artifacts");
const packageDirs = docsEntryPoints(repoRoot);
const specs = await loadSpecs(repoRoot);
/** typedoc's file name part for a package: `@authspecs/papaya` → `_authspecs_papaya`. */
const pageName = (packageName: string) => packageName.replace(/[@/]/g, "_");

/** Every file of the built site, relative to it. */
function siteFiles(dir = site, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? siteFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

let server: { url: string; close(): Promise<void> };
let browser: Browser;
let context: BrowserContext;
const consoleErrors: string[] = [];
const offsiteRequests: string[] = [];

beforeAll(async () => {
  // AUTHSPECS_DOCS_PREBUILT=1 reuses docs-site/ from a `pnpm docs` that just ran (saves its ~20 s).
  if (process.env.AUTHSPECS_DOCS_PREBUILT !== "1") await run(process.execPath, [join(repoRoot, "scripts", "docs.mjs")], { cwd: repoRoot });
  server = await startDocsServer({ dir: site });
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Anything not served by our loopback server is recorded and refused: the site must work offline.
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1" || url.hostname === "localhost" || url.protocol === "data:") return route.continue();
    offsiteRequests.push(url.href);
    return route.abort();
  });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(`${path}: ${message.text()}`);
  });
  page.on("pageerror", (error) => consoleErrors.push(`${path}: ${error.message}`));
  const response = await page.goto(new URL(path, server.url).href, { waitUntil: "load" });
  expect(response?.status(), `${path} status`).toBe(200);
  return page;
}

/** Runtime exports of a built package: what a user imports, so what its page must show. */
async function runtimeExports(dir: string): Promise<string[]> {
  const manifest = JSON.parse(readFileSync(join(repoRoot, dir, "package.json"), "utf8")) as { exports: { ".": { default: string } } };
  const mod = (await import(join(repoRoot, dir, manifest.exports["."].default))) as Record<string, unknown>;
  return Object.keys(mod).filter((name) => name !== "default");
}

describe("docs site", () => {
  it("renders the landing page: title, every package, the lifecycle diagram and the provider table", async () => {
    const page = await open("index.html");
    await expect(page.locator("h1").first().textContent()).resolves.toBe("authspecs");
    for (const dir of packageDirs) {
      const name = `@authspecs/${dir.split("/").at(-1)!}`;
      await expect(page.locator(`.tsd-typography a:text-is("${name}")`).count(), `link to ${name}`).resolves.toBeGreaterThan(0);
    }
    const diagram = page.locator("figure.authspecs-lifecycle svg");
    await expect(diagram.isVisible()).resolves.toBe(true);
    const box = await diagram.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThan(150);
    const table = await page.locator(".tsd-typography table").first().innerText();
    for (const provider of ["Sqala", "Cognito", "QPay", "Bitize", "Papaya"]) expect(table).toContain(provider);
    await expect(page.locator('a[href="documents/Writing_a_provider_spec.html"]').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('a[href="documents/Provider_specs.html"]').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('a[href="documents/Errors_and_what_to_do.html"]').count()).resolves.toBeGreaterThan(0);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, "docs-landing.png"), fullPage: true });
    await page.close();
  });

  it.for(packageDirs)("renders the page of %s with its title, its README and its main exports", async (dir) => {
    const short = dir.split("/").at(-1)!;
    const page = await open(`modules/_authspecs_${short}.html`);
    await expect(page.locator("h1").first().textContent()).resolves.toContain(`@authspecs/${short}`);
    const content = await page.locator(".col-content").innerText();
    const exports = await runtimeExports(dir);
    expect(exports.length).toBeGreaterThan(0);
    for (const name of exports) expect(content, `${name} on the ${short} page`).toContain(name);
    // The README is on the page: each of its section headings is a heading of the page.
    const readme = readFileSync(join(repoRoot, dir, "README.md"), "utf8").replace(/```[\s\S]*?```/g, "");
    const sections = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]!.replace(/`/g, "").trim());
    expect(sections.length, `${short} README sections`).toBeGreaterThan(0);
    const headings = await page.locator(".tsd-typography h2").allInnerTexts();
    for (const section of sections) expect(headings.map((h) => h.trim()), `${short} README section "${section}"`).toContain(section);
    await page.close();
  });

  it("shows a module page with its README's quick start (screenshot: docs-module-papaya.png)", async () => {
    const page = await open("modules/_authspecs_papaya.html");
    const quickStart = page.locator(".tsd-typography h2", { hasText: "Quick start" });
    await expect(quickStart.isVisible()).resolves.toBe(true);
    const code = page.locator(".tsd-typography h2:text-is('Quick start') ~ pre").first();
    await expect(code.innerText()).resolves.toContain("createPapayaAuth({");
    await expect(page.locator(".tsd-typography h2:text-is('Spec reference')").count()).resolves.toBe(1);
    await page.screenshot({ path: join(artifacts, "docs-module-papaya.png"), fullPage: true });
    await page.close();
  });

  it.for(specs.map((s) => s.provider))("renders the spec reference of %s, reached from its package's page, with every operation", async (provider) => {
    const spec = specs.find((s) => s.provider == provider)!;
    const page = await open(`modules/${pageName(spec.packageName)}.html`);
    await page.locator(".tsd-typography h2:text-is('Spec reference') + p a").click();
    await page.waitForURL(new RegExp(`documents/${pageName(spec.packageName)}\\.Spec_reference\\.html$`));
    await expect(page.locator(".tsd-typography h1").first().textContent()).resolves.toBe(spec.doc.info.title);
    const content = await page.locator(".tsd-typography").first().innerText();
    const operations = Object.entries(spec.doc.paths as Record<string, Record<string, { operationId?: string }>>).flatMap(([path, item]) =>
      Object.entries(item).filter(([, op]) => op.operationId).map(([method, op]) => ({ path, method: method.toUpperCase(), id: op.operationId! })),
    );
    expect(operations.length).toBeGreaterThan(0);
    for (const { id, method, path } of operations) {
      await expect(page.locator(`.tsd-typography h3#${id.toLowerCase()}`).count(), `heading ${id}`).resolves.toBe(1);
      expect(content, `${method} ${path}`).toContain(`${method} ${path}`);
    }
    // One sequence diagram per token flow, drawn (not an empty box) and readable.
    const diagrams = page.locator("figure.authspecs-sequence svg");
    const flows = Object.values(spec.doc.paths as Record<string, Record<string, { "x-authspecs-token"?: unknown[] }>>).flatMap((item) =>
      Object.values(item).flatMap((op) => op["x-authspecs-token"] ?? []),
    );
    await expect(diagrams.count()).resolves.toBe(flows.length);
    for (const diagram of await diagrams.all()) expect((await diagram.boundingBox())?.height ?? 0).toBeGreaterThan(150);
    expect(content).toContain("Gaps and contradictions");
    expect(content).toContain("Documented lifetime");
    expect(content).toContain("Refresh margin");
    if (provider == "papaya") {
      expect(content).toContain("86400 s (24 h), documented");
      await page.screenshot({ path: join(artifacts, "docs-reference-papaya.png"), fullPage: true });
    }
    await page.close();
  });

  it("lists every spec on the provider specs page", async () => {
    const page = await open("documents/Provider_specs.html");
    for (const { doc } of specs) await expect(page.locator(".tsd-typography table a", { hasText: doc.info.title }).count()).resolves.toBe(1);
    await page.close();
  });

  it("links each error class to its section of the errors guide", async () => {
    const page = await open("classes/_authspecs_auth-core.AuthConfigError.html");
    await page.locator(".tsd-tag-see a", { hasText: "Errors and what to do" }).click();
    await page.waitForURL(/documents\/Errors_and_what_to_do\.html#authconfigerror$/);
    await expect(page.locator("h2#authconfigerror").isVisible()).resolves.toBe(true);
    const guide = await page.locator(".tsd-typography").first().innerText();
    for (const code of ["config", "token_request_rejected", "token_response_invalid", "timeout", "network", "aborted", "closed", "decrypt_failed"]) expect(guide).toContain(code);
    await page.close();
  });

  it("renders the guide", async () => {
    const page = await open("documents/Writing_a_provider_spec.html");
    await expect(page.locator(".tsd-typography h1").first().textContent()).resolves.toBe("Writing a provider spec");
    await expect(page.locator(".tsd-typography").first().innerText()).resolves.toContain("x-authspecs-token");
    await page.close();
  });

  it("finds Papaya's createToken operation with the search", async () => {
    const page = await open("index.html");
    await page.locator("#tsd-search-trigger").click();
    await page.locator("#tsd-search-input").fill("createToken");
    const hit = page.locator("#tsd-search-results li a", { has: page.locator(".parent", { hasText: "@authspecs/papaya.Spec reference" }) }).first();
    await hit.waitFor({ state: "visible" });
    await expect(hit.innerText()).resolves.toContain("createToken");
    await hit.click();
    await page.waitForURL(/documents\/_authspecs_papaya\.Spec_reference\.createToken\.html$/);
    await expect(page.locator(".tsd-typography h1").first().textContent()).resolves.toBe("createToken");
    const content = await page.locator(".tsd-typography").first().innerText();
    for (const text of ["POST /token", "api_key", "client_secret", "valid_until", "201", "401"]) expect(content).toContain(text);
    await page.close();
  });

  it("finds createPapayaAuth with the search", async () => {
    const page = await open("index.html");
    await page.locator("#tsd-search-trigger").click();
    await page.locator("#tsd-search-input").fill("createPapayaAuth");
    const hit = page.locator("#tsd-search-results li a", { hasText: "createPapayaAuth" }).first();
    await hit.waitFor({ state: "visible" });
    await hit.click();
    await page.waitForURL(/createPapayaAuth/);
    await expect(page.locator("h1").first().textContent()).resolves.toContain("createPapayaAuth");
    await page.close();
  });

  it("has source links only to files of this repository, at lines they have", () => {
    const template = /https:\/\/github\.com\/authspecs\/authspecs\/blob\/main\/([^"#]+)#L(\d+)/g;
    const links = new Set(siteFiles().filter((f) => extname(f) == ".html").flatMap((f) => [...readFileSync(join(site, f), "utf8").matchAll(template)].map((m) => `${m[1]}#${m[2]}`)));
    expect(links.size).toBeGreaterThan(0);
    for (const link of links) {
      const [path = "", line = "0"] = link.split("#");
      expect(existsSync(join(repoRoot, path)), path).toBe(true);
      expect(readFileSync(join(repoRoot, path), "utf8").split("\n").length, link).toBeGreaterThanOrEqual(Number(line));
    }
  });

  it("names no machine path and no internal file on any page", () => {
    const text = siteFiles().filter((f) => [".html", ".md", ".yaml", ".css"].includes(extname(f)));
    expect(text.length).toBeGreaterThan(50);
    for (const f of text) expect(findLeaks(f, readFileSync(join(site, f), "utf8")), f).toEqual([]);
  });

  it("logged no console error and requested nothing off localhost", () => {
    expect(consoleErrors).toEqual([]);
    expect(offsiteRequests).toEqual([]);
  });
});
