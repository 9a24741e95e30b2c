import { readdir, readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./helpers/workspace.js";

// The errors guide (docs/errors.md) must keep up with the code: every error class a package exports
// has a section, every code of an exported `*ErrorCode` type and every event type is named, and each
// error class's TSDoc links to its section with a relative link that typedoc resolves to the guide.
const guidePath = join(repoRoot, "docs", "errors.md");

let guide: string;
const errorClasses: Array<{ name: string; file: string; comment: string }> = [];
/** Literal members of exported `*ErrorCode` and event type unions, by type name. */
const unions = new Map<string, string[]>();

/** typedoc's heading anchor: lower case, runs of other characters as one dash. */
const slug = (heading: string) => heading.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

beforeAll(async () => {
  guide = await readFile(guidePath, "utf8");
  const entries = [];
  for (const dir of await readdir(join(repoRoot, "packages"))) {
    const entry = join(repoRoot, "packages", dir, "src", "index.ts");
    if (await readFile(entry).catch(() => undefined)) entries.push(entry);
  }
  const program = ts.createProgram(entries, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  /** Whether a class derives from the global `Error`. */
  const isError = (type: ts.Type) => {
    for (let t: ts.Type | undefined = type; t; t = checker.getBaseTypes(t as ts.InterfaceType)[0]) {
      if (t.symbol?.name == "Error") return true;
      if (!(t.flags & ts.TypeFlags.Object) || !((t as ts.ObjectType).objectFlags & ts.ObjectFlags.ClassOrInterface)) return false;
    }
    return false;
  };
  for (const entry of entries) {
    const source = program.getSourceFile(entry);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) continue;
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      for (const declaration of symbol.declarations ?? []) {
        const file = declaration.getSourceFile();
        // Only what the package declares itself (a re-export of auth-core's errors is auth-core's).
        if (!file.fileName.startsWith(dirname(dirname(entry)))) continue;
        if (ts.isClassDeclaration(declaration) && isError(checker.getDeclaredTypeOfSymbol(symbol))) {
          const comment = ts.getJSDocCommentsAndTags(declaration).map((node) => node.getText()).join("\n");
          errorClasses.push({ name: symbol.name, file: file.fileName, comment });
        }
        if (ts.isTypeAliasDeclaration(declaration) && /ErrorCode$|^TokenEventType$/.test(symbol.name)) {
          const type = checker.getTypeAtLocation(declaration);
          const members = type.isUnion() ? type.types : [type];
          unions.set(symbol.name, members.filter((t) => t.isStringLiteral()).map((t) => (t as ts.StringLiteralType).value));
        }
      }
    }
  }
}, 60_000);

describe("the errors guide", () => {
  it("finds the packages' error classes and codes (the check itself works)", () => {
    expect(errorClasses.map((c) => c.name)).toEqual(expect.arrayContaining(["AuthError", "AuthConfigError", "TokenRequestError", "TokenStoreError"]));
    expect(unions.get("AuthErrorCode")).toEqual(expect.arrayContaining(["config", "closed"]));
    expect(unions.get("TokenStoreErrorCode")).toEqual(expect.arrayContaining(["decrypt_failed"]));
    expect(unions.get("TokenEventType")).toEqual(expect.arrayContaining(["store.error"]));
  });

  it("has a section for every exported error class", () => {
    const headings = new Set([...guide.matchAll(/^#{2,3} (.+)$/gm)].map((m) => m[1]));
    for (const { name } of errorClasses) expect(headings.has(name), `## ${name}`).toBe(true);
  });

  it("names every error code and every event type", () => {
    for (const [type, values] of unions) {
      for (const value of values) expect(guide, `${type} ${value}`).toContain(`\`${value}\``);
    }
  });

  it("is linked from every error class's TSDoc, to the class's own section", () => {
    const anchors = new Set([...guide.matchAll(/^#{1,4} (.+)$/gm)].map((m) => slug(m[1] ?? "")));
    for (const { name, file, comment } of errorClasses) {
      const link = comment.match(/@see \[[^\]]+\]\(([^)#]+)#([^)]+)\)/);
      expect(link, `${name}: @see [...](.../docs/errors.md#...)`).not.toBeNull();
      const [, path = "", anchor = ""] = link ?? [];
      expect(resolve(dirname(file), path), `${name}'s link`).toBe(guidePath);
      expect(anchor).toBe(slug(name));
      expect(anchors.has(anchor), `#${anchor} in the guide`).toBe(true);
    }
  });
});
