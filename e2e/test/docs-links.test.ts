import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBrokenLinks } from "../../scripts/docs/links.mjs";
import { isRepositorySource } from "../../scripts/docs/repository-source-links.mjs";
import { load } from "../../scripts/docs/typedoc-plugin.mjs";

// A small site written to a temporary folder: the link check must flag exactly the broken links.
let site: string;
const page = (body: string) => `<!DOCTYPE html><html><body>${body}</body></html>`;

beforeAll(async () => {
  site = await mkdtemp(join(tmpdir(), "authspecs-links-"));
  const files: Record<string, string> = {
    "index.html": page(`<h1 id="top">Top</h1>
      <a href="modules/pkg.html">package</a> <a href="modules/pkg.html#install">install</a>
      <a href="#top">self</a> <a href="#">menu</a> <a href="">here</a>
      <a href="https://example.com/missing.html">external</a> <a href="mailto:dev@example.com">mail</a>
      <img src="assets/logo.svg"/> <a href="assets/icons.svg#icon-1">icon</a>
      <a href="documents/A%20page.html">encoded</a> <a href="modules/pkg.html?x=1">query</a>`),
    "modules/pkg.html": page(`<h2 id="install">Install</h2>
      <a href="../index.html">home</a> <a href="./nope.md">readme link to a missing file</a>
      <a href="../index.html#gone">missing anchor</a> <a href="../../outside.html">outside</a>
      <a href="../assets/icons.svg#icon-9">missing icon</a> <a href="sibling.html">missing page</a>`),
    "documents/A page.html": page(`<p id="a&amp;b">x</p><a href="#a&amp;b">entity anchor</a>`),
    "assets/logo.svg": `<svg xmlns="http://www.w3.org/2000/svg"/>`,
    "assets/icons.svg": `<svg xmlns="http://www.w3.org/2000/svg"><g id="icon-1"/></svg>`,
  };
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(site, dirname(name)), { recursive: true });
    await writeFile(join(site, name), text);
  }
});

afterAll(() => rm(site, { recursive: true, force: true }));

describe("findBrokenLinks", () => {
  it("flags missing files, missing anchors and links out of the site, and nothing else", async () => {
    const broken = await findBrokenLinks(site);
    expect(broken).toEqual([
      { page: join("modules", "pkg.html"), href: "../../outside.html", problem: "leaves the site" },
      { page: join("modules", "pkg.html"), href: "../assets/icons.svg#icon-9", problem: 'no id "icon-9" on assets/icons.svg' },
      { page: join("modules", "pkg.html"), href: "../index.html#gone", problem: 'no id "gone" on index.html' },
      { page: join("modules", "pkg.html"), href: "./nope.md", problem: "no file modules/nope.md" },
      { page: join("modules", "pkg.html"), href: "sibling.html", problem: "no file modules/sibling.html" },
    ]);
  });

  it("passes a site whose links all resolve", async () => {
    const clean = await mkdtemp(join(tmpdir(), "authspecs-links-clean-"));
    try {
      await writeFile(join(clean, "index.html"), page(`<h1 id="a">A</h1><a href="#a">a</a><a href="index.html">self</a>`));
      await expect(findBrokenLinks(clean)).resolves.toEqual([]);
    } finally {
      await rm(clean, { recursive: true, force: true });
    }
  });
});

describe("the docs' typedoc plugin", () => {
  it("is a typedoc plugin", () => {
    expect(typeof load).toBe("function");
  });

  it("links sources only inside the repository, outside node_modules and build output", () => {
    const root = join(tmpdir(), "repo");
    expect(isRepositorySource(root, join(root, "packages", "auth-core", "src", "errors.ts"))).toBe(true);
    expect(isRepositorySource(root, join(root, "node_modules", ".pnpm", "typescript@5.9.3", "lib.es5.d.ts"))).toBe(false);
    expect(isRepositorySource(root, join(root, "packages", "auth-core", "dist", "types.d.ts"))).toBe(false);
    expect(isRepositorySource(root, join(tmpdir(), "elsewhere", "x.ts"))).toBe(false);
  });
});
