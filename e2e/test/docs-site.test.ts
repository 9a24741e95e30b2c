import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docsEntryPoints } from "../../scripts/docs-entry-points.mjs";
import { startDocsServer } from "../../scripts/docs-serve.mjs";
import { run } from "./helpers/run.js";
import { repoRoot } from "./helpers/workspace.js";

// Builds the docs site exactly as `pnpm docs` does (validation warnings are errors), serves it on
// loopback and reads it in Debian's Chromium: every package page, the search, and the network.
const site = join(repoRoot, "docs-site");
const packageDirs = docsEntryPoints(repoRoot);

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
  const mod = (await import(join(repoRoot, dir, "dist", "index.js"))) as Record<string, unknown>;
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
    mkdirSync(join(repoRoot, "test-artifacts"), { recursive: true });
    await page.screenshot({ path: join(repoRoot, "test-artifacts", "docs-landing.png"), fullPage: true });
    await page.close();
  });

  it.for(packageDirs)("renders the page of %s with its title and main exports", async (dir) => {
    const short = dir.split("/").at(-1)!;
    const page = await open(`modules/_authspecs_${short}.html`);
    await expect(page.locator("h1").first().textContent()).resolves.toContain(`@authspecs/${short}`);
    const content = await page.locator(".col-content").innerText();
    const exports = await runtimeExports(dir);
    expect(exports.length).toBeGreaterThan(0);
    for (const name of exports) expect(content, `${name} on the ${short} page`).toContain(name);
    await page.close();
  });

  it("renders the guide", async () => {
    const page = await open("documents/Writing_a_provider_spec.html");
    await expect(page.locator(".tsd-typography h1").first().textContent()).resolves.toBe("Writing a provider spec");
    await expect(page.locator(".tsd-typography").first().innerText()).resolves.toContain("x-authspecs-token");
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

  it("logged no console error and requested nothing off localhost", () => {
    expect(consoleErrors).toEqual([]);
    expect(offsiteRequests).toEqual([]);
  });
});
