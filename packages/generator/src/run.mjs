/**
 * One generator run: plan every target in scope, then write or check. A spec that fails to generate
 * is reported and its files are left alone, so one broken spec does not wipe another's output.
 *
 * @module
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { listProviders } from "./load-spec.mjs";
import { GENERATED_FOLDERS, ROOT, SANDBOX, planProvider, planRoot, planSandbox } from "./plan.mjs";
import { apply, compare } from "./sync.mjs";

/** Folders the root target owns entirely. */
const ROOT_FOLDERS = ["e2e/test/generated", "demo/src/generated"];

/**
 * @typedef {object} RunOptions
 * @property {string} root Repository root (holds `specs/` and `packages/`).
 * @property {string} [only] One provider, `sandbox` or `root`; everything when absent.
 * @property {boolean} [check] Compare only; write nothing.
 */

/**
 * @typedef {object} RunResult
 * @property {import("./sync.mjs").Difference[]} differences Before writing (what a check reports).
 * @property {string[]} errors Specs that could not be generated, one message each.
 */

/**
 * The folders a target owns entirely.
 * @param {string} target
 * @returns {string[]}
 */
const foldersOf = (target) => (target === ROOT ? ROOT_FOLDERS : GENERATED_FOLDERS.map((f) => `packages/${target}/${f}`));

/**
 * @param {RunOptions} options
 * @returns {Promise<RunResult>}
 */
export async function run({ root, only, check = false }) {
  const providers = await listProviders(root);
  /** @type {string[]} */
  const errors = [];
  const plan = new Map();
  /** @type {string[]} */
  let folders;
  /** @type {string[]} */
  let targets;

  if (only === undefined) {
    const packages = (await readdir(join(root, "packages"), { withFileTypes: true }).catch(() => []))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    targets = [...providers, SANDBOX, ROOT];
    folders = [...[...new Set([...packages, ...providers, SANDBOX])].sort().flatMap(foldersOf), ...ROOT_FOLDERS];
  } else if (only === SANDBOX || only === ROOT || providers.includes(only)) {
    targets = [only];
    folders = foldersOf(only);
  } else {
    return { differences: [], errors: [`--only ${only}: no specs/${only}.yaml (known: ${[...providers, SANDBOX, ROOT].join(", ")})`] };
  }

  /** Folders of targets that failed: neither compared nor touched. */
  const skipped = new Set();
  for (const target of targets) {
    try {
      const files = target === SANDBOX ? await planSandbox(root, providers) : target === ROOT ? await planRoot(root, providers) : await planProvider(root, target);
      for (const [path, content] of files) plan.set(path, content);
    } catch (error) {
      errors.push(/** @type {Error} */ (error).message);
      foldersOf(target).forEach((f) => skipped.add(f));
    }
  }
  const differences = await compare(root, folders.filter((folder) => !skipped.has(folder)), plan);
  if (!check) await apply(root, differences, plan);
  return { differences, errors };
}
