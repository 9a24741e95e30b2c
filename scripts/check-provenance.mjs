#!/usr/bin/env node
// @ts-check
// Fails when a tracked file names a path on a build machine or one of the project's internal source
// files: users have neither, so such a name in a spec, a generated file or a doc means nothing to
// them (and leaks how the project was built).
//
//   node scripts/check-provenance.mjs [--root <repository>]
//
// What counts (each rule is anchored so that URLs and relative paths never match):
// - machine paths: the build machines' work folder, a user's home folder (Linux or macOS), root's
//   home, the temporary folders (hard-coded; `os.tmpdir()` at run time is fine), a Windows user
//   folder, and the same behind `file://`;
// - internal files: the file names of the provider pages the specs were written from (three
//   digits, an underscore, 16 hex digits, `.txt`, also abbreviated with an ellipsis), the folder that
//   holds them and its README.
// A spec cites its source by the page's public title and URL instead (see specs/README.md).
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * @typedef {object} Leak
 * @property {string} file Path relative to the repository root.
 * @property {number} line 1-based.
 * @property {"machine path" | "internal file"} kind
 * @property {string} match The text that matched.
 */

// Not preceded by a character that would make the match part of a URL path, a relative path or a
// longer name (`https://host/tmp/…`, `./work/`, `my_work/`).
const START = String.raw`(?<![\w.~%+\-])`;
const SEP = String.raw`(?:\\\\|\\|\/)`;

/** @type {ReadonlyArray<{ kind: Leak["kind"], pattern: RegExp }>} */
const RULES = [
  { kind: "machine path", pattern: new RegExp(START + String.raw`\/work\/`, "g") },
  { kind: "machine path", pattern: new RegExp(START + String.raw`\/(?:home|Users)\/[A-Za-z0-9._-]+\/`, "g") },
  { kind: "machine path", pattern: new RegExp(START + String.raw`\/root\/`, "g") },
  { kind: "machine path", pattern: new RegExp(START + String.raw`\/tmp(?:\/|(?=["'\x60\s),;]|$))`, "gm") },
  { kind: "machine path", pattern: new RegExp(START + String.raw`\/(?:private\/)?var\/folders\/`, "g") },
  { kind: "machine path", pattern: new RegExp(String.raw`\b[A-Za-z]:` + SEP + String.raw`(?:Users|Documents and Settings)` + SEP, "g") },
  { kind: "internal file", pattern: /\b\d{3}_[0-9a-f]{16}\.txt\b/g },
  { kind: "internal file", pattern: /\b\d{3}_(?:…|\.\.\.)/g },
  { kind: "internal file", pattern: /\bshared\/seeds\b/g },
  { kind: "internal file", pattern: /\bseeds\sREADME\b/gi },
];

/**
 * Finds machine paths and internal file names in one file's text.
 * @param {string} file Name to report, relative to the repository.
 * @param {string} text The file's content.
 * @returns {Leak[]} In order of place.
 */
export function findLeaks(file, text) {
  /** @type {Leak[]} */
  const leaks = [];
  text.split("\n").forEach((lineText, index) => {
    const found = RULES.flatMap(({ kind, pattern }) => [...lineText.matchAll(pattern)].map((m) => ({ kind, match: m[0], at: m.index })));
    // One report per place: a match inside an earlier one (a Windows user folder is also a macOS one) is dropped.
    let end = -1;
    for (const { kind, match, at } of found.sort((a, b) => a.at - b.at)) {
      if (at < end) continue;
      leaks.push({ file, line: index + 1, kind, match });
      end = at + match.length;
    }
  });
  return leaks;
}

/**
 * Checks every file git tracks under `root` (binary files skipped).
 * @param {string} root Repository root.
 * @returns {Promise<Leak[]>}
 */
export async function findTrackedLeaks(root) {
  const files = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })
    .split("\0")
    .filter(Boolean);
  /** @type {Leak[]} */
  const leaks = [];
  for (const file of files) {
    const bytes = await readFile(join(root, file)).catch(() => undefined); // deleted but not yet staged
    if (!bytes || bytes.includes(0)) continue;
    leaks.push(...findLeaks(file, bytes.toString("utf8")));
  }
  return leaks;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const rootIndex = args.indexOf("--root");
  const root = resolve(rootIndex >= 0 ? (args[rootIndex + 1] ?? ".") : join(import.meta.dirname, ".."));
  const leaks = await findTrackedLeaks(root);
  for (const { file, line, kind, match } of leaks) console.error(`${file}:${line}: ${kind} ${JSON.stringify(match)}`);
  if (leaks.length > 0) {
    console.error(`check-provenance: ${leaks.length} machine path(s) or internal file name(s) in tracked files; cite a provider's page by its public title and URL instead`);
    process.exit(1);
  }
  console.log("check-provenance: no machine path or internal file name in tracked files");
}
